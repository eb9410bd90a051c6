namespace Users.Application.Abstractions.OAuth;

/// <summary>The token request of a callback: its code, the redirect URI the authorization used, and the PKCE verifier.</summary>
public sealed record OAuthCodeExchange(string Code, Uri RedirectUri, string CodeVerifier);
