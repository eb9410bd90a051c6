using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Users.Infrastructure.Security;

/// <summary>
/// Signs and checks the HS256 JWTs of one token type (one audience): every self-issued JWT goes through here, so
/// the rules are the same for all of them. The key is the secret's UTF-8 bytes as given (as FastAPI Users uses it);
/// the algorithm is pinned to HS256; <c>exp</c> is required and checked against the injected clock with the contract's
/// 30 s skew; the audience must be this type's, so a token of one type is refused as any other.
/// </summary>
internal sealed class Hs256Jwt
{
    /// <summary>The contract's bound on clock differences between issuer and reader.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false, MapInboundClaims = false };
    private readonly SigningCredentials _signingCredentials;
    private readonly TokenValidationParameters _validation;
    private readonly TokenValidationParameters _validationIgnoringLifetime;
    private readonly string _audience;
    private readonly bool _audienceAsArray;
    private readonly TimeProvider _time;

    /// <param name="secret">The HMAC key, as configured (<c>Auth:Secret</c>).</param>
    /// <param name="audience">The one audience this type's tokens carry and must carry.</param>
    /// <param name="audienceAsArray">Whether <c>aud</c> is written as a one-element array (access tokens, as FastAPI Users writes them) or a string.</param>
    /// <param name="time">The clock for issue and expiry.</param>
    public Hs256Jwt(string? secret, string audience, bool audienceAsArray, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(audience);
        ArgumentNullException.ThrowIfNull(time);
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret ?? string.Empty));
        _signingCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _audience = audience;
        _audienceAsArray = audienceAsArray;
        _time = time;
        _validation = new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidateIssuer = false,
            ValidateAudience = true,
            ValidAudience = audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,

            // Our clock, not DateTime.UtcNow, so expiry follows the injected TimeProvider (and tests control it).
            LifetimeValidator = LifetimeOn(time),
        };
        _validationIgnoringLifetime = _validation.Clone();
        _validationIgnoringLifetime.ValidateLifetime = false;
        _validationIgnoringLifetime.LifetimeValidator = null;
    }

    /// <summary>
    /// A signed token with <paramref name="claims"/>, this type's <c>aud</c>, <c>exp</c> = now + <paramref name="lifetime"/>
    /// and, when <paramref name="withIssuedAt"/>, <c>iat</c> = now.
    /// </summary>
    public string Create(IReadOnlyDictionary<string, object> claims, TimeSpan lifetime, bool withIssuedAt)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var now = _time.GetUtcNow();
        var payload = new Dictionary<string, object>(claims, StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Aud] = _audienceAsArray ? new[] { _audience } : _audience,
        };
        var descriptor = new SecurityTokenDescriptor
        {
            SigningCredentials = _signingCredentials,
            IssuedAt = withIssuedAt ? now.UtcDateTime : null,
            Expires = now.Add(lifetime).UtcDateTime,
            Claims = payload,
        };
        return _handler.CreateToken(descriptor);
    }

    /// <summary>
    /// The token when its signature, algorithm, audience and lifetime are valid; otherwise <c>null</c> and why.
    /// Never throws for any input.
    /// </summary>
    public async ValueTask<(JsonWebToken? Token, Exception? Failure)> ValidateAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return (null, null);
        }

        try
        {
            var result = await _handler.ValidateTokenAsync(token, _validation);
            return result.IsValid && result.SecurityToken is JsonWebToken jwt ? (jwt, null) : (null, result.Exception);
        }
        catch (Exception exception)
        {
            // ValidateTokenAsync reports failures in its result; anything thrown is a library surprise, still a rejection.
            return (null, exception);
        }
    }

    /// <summary>
    /// Whether <paramref name="token"/> failed only because it expired: signature, algorithm and audience are valid. Tells
    /// "expired" from "not ours" for the routes whose answers differ (the OAuth state); never throws.
    /// </summary>
    public async ValueTask<bool> IsExpiredButOtherwiseValidAsync(string token)
    {
        try
        {
            var result = await _handler.ValidateTokenAsync(token, _validationIgnoringLifetime);
            return result is { IsValid: true, SecurityToken: JsonWebToken jwt }
                && jwt.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Exp, out _)
                && _time.GetUtcNow().UtcDateTime > jwt.ValidTo + ClockSkew;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>A claim that must be a non-empty JSON string (asking the token for a string would turn a number into one).</summary>
    public static string? GetString(JsonWebToken token, string claim) =>
        token.TryGetPayloadValue<object>(claim, out var value) && value is string { Length: > 0 } text ? text : null;

    /// <summary>The <c>sub</c> claim as a user id, written as FastAPI Users writes it (hyphenated; any case is read).</summary>
    public static Guid? GetSubjectId(JsonWebToken token) =>
        GetString(token, JwtRegisteredClaimNames.Sub) is { } subject && Guid.TryParseExact(subject, "D", out var id) ? id : null;

    /// <summary>
    /// The contract's lifetime rule, on <paramref name="time"/>'s clock, for any JWT this service reads (its own, and
    /// providers' ID tokens): exactly exp + skew is still accepted, as IdentityModel's own validator does; no exp at all
    /// is never accepted.
    /// </summary>
    public static LifetimeValidator LifetimeOn(TimeProvider time) => (notBefore, expires, _, _) =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp
            && now <= exp.ToUniversalTime() + ClockSkew
            && (notBefore is not { } nbf || nbf.ToUniversalTime() <= now + ClockSkew);
    };
}
