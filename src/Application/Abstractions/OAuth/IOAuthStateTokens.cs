namespace Users.Application.Abstractions.OAuth;

/// <summary>
/// The <c>state</c> of an authorization: an HS256 JWT (audience <c>fastapi-users:oauth-state</c>) carrying a CSRF token
/// that the browser also holds in a cookie, and the user's id in the associate flow. The PKCE verifier is derived from
/// the CSRF token under a key only this service has, so nothing is stored between authorize and callback and a state
/// seen by others does not give the verifier away.
/// </summary>
public interface IOAuthStateTokens
{
    /// <summary>A new state for an authorization (with <paramref name="userId"/> as <c>sub</c> when associating).</summary>
    OAuthStateStart Start(Guid? userId);

    /// <summary>What a state returned to the callback says; never throws for any input.</summary>
    ValueTask<OAuthStateReading> ReadAsync(string? state);
}
