namespace Users.Api.Endpoints.Requests;

/// <summary>The authorize routes' answer, as FastAPI Users sends it: <c>{"authorization_url": "..."}</c> (no redirect).</summary>
public sealed record OAuthAuthorizeResponse(string AuthorizationUrl);
