namespace Users.Api.Endpoints.Requests;

/// <summary>The OAuth2 password form of <c>POST /auth/{backend}/login</c> (<c>username</c> is the email).</summary>
public sealed record LoginForm(string Username, string Password, string? GrantType, string? Scope, string? ClientId, string? ClientSecret);
