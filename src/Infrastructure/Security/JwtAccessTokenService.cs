using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Users.Application.Abstractions.Security;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.Security;

/// <summary>
/// The JWT strategy's access tokens, shaped as FastAPI Users writes them (HS256, <c>sub</c> = user id,
/// <c>aud</c> = <c>["fastapi-users:auth"]</c>, <c>exp</c>) plus <c>iat</c>, the user's security stamp, so that a
/// password change or deactivation revokes every token issued before it, and the session's id (<c>sid</c>), so that
/// ending the session revokes the token.
/// </summary>
public sealed partial class JwtAccessTokenService : IAccessTokenStrategy
{
    public const string Audience = "fastapi-users:auth";

    public const string SecurityStampClaim = "stamp";

    /// <summary>The session the token belongs to (OpenID Connect's name for it).</summary>
    public const string SessionIdClaim = "sid";

    /// <summary>The contract's bound on clock differences between issuer and reader.</summary>
    public static readonly TimeSpan ClockSkew = Hs256Jwt.ClockSkew;

    private readonly Hs256Jwt _jwt;
    private readonly TimeSpan _lifetime;
    private readonly bool _acceptLegacy;
    private readonly TimeProvider _time;
    private readonly ILogger<JwtAccessTokenService> _logger;

    public JwtAccessTokenService(IOptions<AuthTokenOptions> options, TimeProvider time, ILogger<JwtAccessTokenService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;

        // An array, as FastAPI Users writes it (PyJWT accepts either form; some clients compare the JSON).
        _jwt = new Hs256Jwt(settings.Secret, Audience, audienceAsArray: true, time);
        _lifetime = TimeSpan.FromSeconds(settings.AccessTokenLifetimeSeconds);
        _acceptLegacy = settings.AcceptLegacyTokens;
        _time = time;
        _logger = logger;
    }

    public string Name => AccessTokenStrategyNames.Jwt;

    public ValueTask<IssuedToken> IssueAsync(User user, Session session, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Issue(user, session));

    /// <summary>
    /// A JWT cannot be revoked one by one; it stops working at expiry, when its session ends or when the user's
    /// security stamp changes.
    /// </summary>
    public ValueTask RevokeAsync(string token, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>A token for <paramref name="user"/> in <paramref name="session"/>; it is accepted up to the clock skew past its <c>exp</c>.</summary>
    public IssuedToken Issue(User user, Session session)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(session);
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = user.Id.ToString("D"),
            [SecurityStampClaim] = user.SecurityStamp,
            [SessionIdClaim] = session.Id.ToString("D"),
        };
        var usableUntil = _time.GetUtcNow() + _lifetime + ClockSkew;
        return new IssuedToken(_jwt.Create(claims, _lifetime, withIssuedAt: true), (int)_lifetime.TotalSeconds, usableUntil);
    }

    public async ValueTask<AccessTokenClaims?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        var (jwt, failure) = await _jwt.ValidateAsync(token);
        if (jwt is null)
        {
            if (failure is not null)
            {
                LogRejected(failure);
            }

            return null;
        }

        var stamp = Hs256Jwt.GetString(jwt, SecurityStampClaim);
        var session = Hs256Jwt.GetString(jwt, SessionIdClaim);
        var userId = Hs256Jwt.GetSubjectId(jwt);
        if (_acceptLegacy && stamp is null && session is null && userId is { } adoptedUserId)
        {
            return AccessTokenClaims.Legacy(adoptedUserId); // FastAPI Users' own shape: sub, aud, exp
        }

        // A token without a session (issued before sessions existed, or forged without one) belongs to none: refused.
        if (userId is null || stamp is null || !Guid.TryParseExact(session, "D", out var sessionId))
        {
            LogRejected(null);
            return null;
        }

        return new AccessTokenClaims(userId.Value, stamp, sessionId);
    }

    // The token itself is never logged: it is a credential. The exception says why (signature, audience, lifetime).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Access token rejected")]
    private partial void LogRejected(Exception? reason);
}
