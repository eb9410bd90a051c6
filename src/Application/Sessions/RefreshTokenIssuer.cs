using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Settings;
using Users.Domain.Sessions;

namespace Users.Application.Sessions;

/// <summary>
/// Issues a session's next refresh token (at login and at each refresh): it expires after the idle lifetime, never
/// past the session's absolute end, and the session lasts at least as long. Only stages the row.
/// </summary>
public sealed class RefreshTokenIssuer(IRefreshTokenRepository tokens, IRefreshTokenCodec codec, IOptions<UserManagementOptions> options)
{
    private RefreshTokenOptions Settings => options.Value.RefreshTokens;

    public string Issue(Session session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        var token = codec.NewToken();
        var idleEnd = now.AddSeconds(Settings.IdleSeconds);
        var absoluteEnd = AbsoluteEndOf(session);
        var expiresAt = idleEnd < absoluteEnd ? idleEnd : absoluteEnd;
        tokens.Add(RefreshToken.Issue(codec.Hash(token), session, now, expiresAt));
        session.ExtendTo(expiresAt);
        return token;
    }

    // No refresh token of the session works from this instant on.
    private DateTimeOffset AbsoluteEndOf(Session session) => session.CreatedAt.AddSeconds(Settings.LifetimeSeconds);
}
