namespace Users.Application.OAuth.Queries.AuthorizeOAuth;

/// <summary>Where to send the browser, and the CSRF token the browser must hold in its cookie until the callback.</summary>
public sealed record OAuthAuthorization(Uri AuthorizationUrl, string CsrfToken);
