using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Users.Application.Abstractions.Security;
using Users.Domain.Users;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.Security;

/// <summary>
/// The JWT strategy's access tokens, shaped as FastAPI Users writes them (HS256, <c>sub</c> = user id,
/// <c>aud</c> = <c>["fastapi-users:auth"]</c>, <c>exp</c>) plus <c>iat</c> and the user's security stamp,
/// so that a password change or deactivation revokes every token issued before it.
/// </summary>
public sealed partial class JwtAccessTokenService : IAccessTokenStrategy
{
    public const string Audience = "fastapi-users:auth";

    public const string SecurityStampClaim = "stamp";

    /// <summary>The contract's bound on clock differences between issuer and reader.</summary>
    public static readonly TimeSpan ClockSkew = Hs256Jwt.ClockSkew;

    private readonly Hs256Jwt _jwt;
    private readonly TimeSpan _lifetime;
    private readonly ILogger<JwtAccessTokenService> _logger;

    public JwtAccessTokenService(IOptions<AuthTokenOptions> options, TimeProvider time, ILogger<JwtAccessTokenService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;

        // An array, as FastAPI Users writes it (PyJWT accepts either form; some clients compare the JSON).
        _jwt = new Hs256Jwt(settings.Secret, Audience, audienceAsArray: true, time);
        _lifetime = TimeSpan.FromSeconds(settings.AccessTokenLifetimeSeconds);
        _logger = logger;
    }

    public string Name => AccessTokenStrategyNames.Jwt;

    public ValueTask<string> IssueAsync(User user, CancellationToken cancellationToken) => ValueTask.FromResult(Issue(user));

    /// <summary>A JWT cannot be revoked one by one; it stops working at expiry or when the user's security stamp changes.</summary>
    public ValueTask RevokeAsync(string token, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public string Issue(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = user.Id.ToString("D"),
            [SecurityStampClaim] = user.SecurityStamp,
        };
        return _jwt.Create(claims, _lifetime, withIssuedAt: true);
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

        if (Hs256Jwt.GetSubjectId(jwt) is not { } userId || Hs256Jwt.GetString(jwt, SecurityStampClaim) is not { } stamp)
        {
            LogRejected(null);
            return null;
        }

        return new AccessTokenClaims(userId, stamp);
    }

    // The token itself is never logged: it is a credential. The exception says why (signature, audience, lifetime).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Access token rejected")]
    private partial void LogRejected(Exception? reason);
}
