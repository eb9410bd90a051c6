namespace Users.Application.OAuth;

/// <summary>
/// What a provider's redirect brought to a callback route: its <c>code</c> or <c>error</c> and the <c>state</c>, with the
/// browser's CSRF cookie and the redirect URI the authorization used (the token request must name it again).
/// </summary>
public sealed record OAuthCallback(string Provider, string? Code, string? Error, string? State, string? CsrfCookie, Uri RedirectUri);
