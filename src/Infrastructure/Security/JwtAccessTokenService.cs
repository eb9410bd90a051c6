using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
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
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false, MapInboundClaims = false };
    private readonly SigningCredentials _signingCredentials;
    private readonly TokenValidationParameters _validation;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;
    private readonly ILogger<JwtAccessTokenService> _logger;

    public JwtAccessTokenService(IOptions<AuthTokenOptions> options, TimeProvider time, ILogger<JwtAccessTokenService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;

        // The secret is the HMAC key as given, as in FastAPI Users, so tokens are interchangeable with it.
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.Secret ?? string.Empty));
        _signingCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _lifetime = TimeSpan.FromSeconds(settings.AccessTokenLifetimeSeconds);
        _time = time;
        _logger = logger;
        _validation = new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidateIssuer = false,
            ValidateAudience = true,
            ValidAudience = Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,

            // Our clock, not DateTime.UtcNow, so expiry follows the injected TimeProvider (and tests control it).
            LifetimeValidator = ValidateLifetime,
        };
    }

    public string Name => AccessTokenStrategyNames.Jwt;

    public ValueTask<string> IssueAsync(User user, CancellationToken cancellationToken) => ValueTask.FromResult(Issue(user));

    /// <summary>A JWT cannot be revoked one by one; it stops working at expiry or when the user's security stamp changes.</summary>
    public ValueTask RevokeAsync(string token, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public string Issue(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = _time.GetUtcNow();
        var descriptor = new SecurityTokenDescriptor
        {
            SigningCredentials = _signingCredentials,
            IssuedAt = now.UtcDateTime,
            Expires = now.Add(_lifetime).UtcDateTime,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [JwtRegisteredClaimNames.Sub] = user.Id.ToString("D"),

                // An array, as FastAPI Users writes it (PyJWT accepts either form; some clients compare the JSON).
                [JwtRegisteredClaimNames.Aud] = new[] { Audience },
                [SecurityStampClaim] = user.SecurityStamp,
            },
        };
        return _handler.CreateToken(descriptor);
    }

    public async ValueTask<AccessTokenClaims?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        TokenValidationResult result;
        try
        {
            result = await _handler.ValidateTokenAsync(token, _validation);
        }
        catch (Exception exception)
        {
            // ValidateTokenAsync reports failures in its result; anything thrown is a library surprise, still a rejection.
            LogRejected(exception);
            return null;
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            LogRejected(result.Exception);
            return null;
        }

        // Typed as object: asking for a string would turn a JSON number into one.
        if (!jwt.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Sub, out var subject)
            || subject is not string subjectText
            || !Guid.TryParseExact(subjectText, "D", out var userId)
            || !jwt.TryGetPayloadValue<object>(SecurityStampClaim, out var stampValue)
            || stampValue is not string { Length: > 0 } stamp)
        {
            LogRejected(null);
            return null;
        }

        return new AccessTokenClaims(userId, stamp);
    }

    // Exactly exp + skew is still accepted, as IdentityModel's own validator does; no exp at all is never accepted.
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp
            && now <= exp.ToUniversalTime() + ClockSkew
            && (notBefore is not { } nbf || nbf.ToUniversalTime() <= now + ClockSkew);
    }

    // The token itself is never logged: it is a credential. The exception says why (signature, audience, lifetime).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Access token rejected")]
    private partial void LogRejected(Exception? reason);
}
