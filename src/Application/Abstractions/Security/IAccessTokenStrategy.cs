using Users.Domain.Sessions;
using Users.Domain.Users;

namespace Users.Application.Abstractions.Security;

/// <summary>
/// How access tokens are made and checked: FastAPI Users' "strategy" (<c>jwt</c>: self-contained signed tokens;
/// <c>database</c>: random tokens whose hash is stored). A backend pairs one strategy with one transport.
/// </summary>
public interface IAccessTokenStrategy
{
    /// <summary>The name configuration uses: <see cref="AccessTokenStrategyNames.Jwt"/> or <see cref="AccessTokenStrategyNames.Database"/>.</summary>
    string Name { get; }

    /// <summary>
    /// A new token for <paramref name="user"/>, belonging to <paramref name="session"/>. A strategy that stores tokens
    /// only stages the row: the caller's unit of work commits it with the rest of the login.
    /// </summary>
    ValueTask<IssuedToken> IssueAsync(User user, Session session, CancellationToken cancellationToken);

    /// <summary>
    /// What a token the strategy accepts says (user, security stamp, session), or <c>null</c> for any token it does not
    /// accept (garbage, bad signature, wrong audience, expired, unknown). The caller still checks user, stamp and session.
    /// </summary>
    ValueTask<AccessTokenClaims?> ReadAsync(string token, CancellationToken cancellationToken);

    /// <summary>Stages the token's revocation (deleting its row); a no-op for self-contained tokens.</summary>
    ValueTask RevokeAsync(string token, CancellationToken cancellationToken);
}
