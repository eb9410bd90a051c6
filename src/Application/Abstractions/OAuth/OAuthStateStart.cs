namespace Users.Application.Abstractions.OAuth;

/// <summary>A new authorization's state, the CSRF token for the browser's cookie, and the PKCE S256 challenge.</summary>
public sealed record OAuthStateStart(string State, string CsrfToken, string CodeChallenge);
