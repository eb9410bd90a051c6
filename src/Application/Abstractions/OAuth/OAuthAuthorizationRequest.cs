namespace Users.Application.Abstractions.OAuth;

/// <summary>
/// What goes into an authorization URL: where the provider sends the browser back, the state, the scopes asked for
/// (the provider's configured scopes when empty) and the PKCE S256 challenge.
/// </summary>
public sealed record OAuthAuthorizationRequest(Uri RedirectUri, string State, IReadOnlyList<string> Scopes, string CodeChallenge);
