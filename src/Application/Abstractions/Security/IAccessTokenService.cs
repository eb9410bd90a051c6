using Users.Domain.Users;

namespace Users.Application.Abstractions.Security;

/// <summary>Issues and reads self-contained access tokens (JWT strategy).</summary>
public interface IAccessTokenService
{
    /// <summary>An access token for <paramref name="user"/>, carrying its id and security stamp.</summary>
    string Issue(User user);

    /// <summary>
    /// Checks signature, algorithm, audience and expiry. Returns the claims it vouches for, or
    /// <c>null</c> for any token it does not accept (the caller still checks the user and the stamp).
    /// </summary>
    ValueTask<AccessTokenClaims?> ReadAsync(string token, CancellationToken cancellationToken);
}
