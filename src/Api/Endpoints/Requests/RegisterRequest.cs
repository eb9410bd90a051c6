namespace Users.Api.Endpoints.Requests;

/// <summary>The body of <c>POST /auth/register</c> (OpenAPI documentation; flags sent by clients are ignored).</summary>
public sealed record RegisterRequest(string Email, string Password);
