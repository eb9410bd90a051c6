using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Users.Application.Abstractions.Security;
using Users.Application.Security;
using Users.Domain.Users;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.Security;

/// <summary>
/// The verification and password-reset tokens, shaped as FastAPI Users writes them: HS256 JWTs signed with
/// <c>Auth:Secret</c>, <c>aud</c> a string (<c>fastapi-users:verify</c> / <c>fastapi-users:reset</c>), <c>exp</c>, <c>sub</c>,
/// and <c>email</c> (verify) or <c>password_fgpt</c> (reset). Each type has its own audience, so neither is accepted
/// as the other or as an access token.
/// </summary>
/// <remarks>
/// FastAPI Users' <c>password_fgpt</c> is an unkeyed password hash of the stored hash; ours is an HMAC-SHA256 of the stored
/// hash under a key derived from the secret for this purpose only, so the (readable) token body tells nothing about
/// the hash to anyone without the secret, and a token outlives no password change.
/// </remarks>
public sealed partial class JwtUserActionTokens : IUserActionTokens
{
    public const string VerifyAudience = "fastapi-users:verify";

    public const string ResetPasswordAudience = "fastapi-users:reset";

    public const string EmailClaim = "email";

    public const string PasswordFingerprintClaim = "password_fgpt";

    // Domain separation: the fingerprint key is not the signing key, and cannot be mistaken for any other use of the secret.
    private static readonly byte[] FingerprintKeyLabel = "users:password-fingerprint"u8.ToArray();

    private readonly Hs256Jwt _verify;
    private readonly Hs256Jwt _reset;
    private readonly TimeSpan _verifyLifetime;
    private readonly TimeSpan _resetLifetime;
    private readonly byte[] _fingerprintKey;
    private readonly ILogger<JwtUserActionTokens> _logger;

    public JwtUserActionTokens(IOptions<AuthTokenOptions> options, TimeProvider time, ILogger<JwtUserActionTokens> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _verify = new Hs256Jwt(settings.Secret, VerifyAudience, audienceAsArray: false, time);
        _reset = new Hs256Jwt(settings.Secret, ResetPasswordAudience, audienceAsArray: false, time);
        _verifyLifetime = TimeSpan.FromSeconds(settings.VerifyTokenLifetimeSeconds);
        _resetLifetime = TimeSpan.FromSeconds(settings.ResetPasswordTokenLifetimeSeconds);
        _fingerprintKey = HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.Secret ?? string.Empty), FingerprintKeyLabel);
        _logger = logger;
    }

    public string IssueVerifyToken(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = user.Id.ToString("D"),
            [EmailClaim] = user.Email,
        };
        return _verify.Create(claims, _verifyLifetime, withIssuedAt: false);
    }

    public async ValueTask<VerifyTokenClaims?> ReadVerifyTokenAsync(string token, CancellationToken cancellationToken)
    {
        var jwt = await ValidateAsync(_verify, token);
        if (jwt is null)
        {
            return null;
        }

        if (Hs256Jwt.GetSubjectId(jwt) is not { } userId || Hs256Jwt.GetString(jwt, EmailClaim) is not { } email)
        {
            LogRejected(null);
            return null;
        }

        return new VerifyTokenClaims(userId, email);
    }

    public string IssueResetPasswordToken(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = user.Id.ToString("D"),
            [PasswordFingerprintClaim] = Base64Url.EncodeToString(Fingerprint(user.HashedPassword)),
        };
        return _reset.Create(claims, _resetLifetime, withIssuedAt: false);
    }

    public async ValueTask<ResetPasswordTokenClaims?> ReadResetPasswordTokenAsync(string token, CancellationToken cancellationToken)
    {
        var jwt = await ValidateAsync(_reset, token);
        if (jwt is null)
        {
            return null;
        }

        if (Hs256Jwt.GetSubjectId(jwt) is not { } userId || Hs256Jwt.GetString(jwt, PasswordFingerprintClaim) is not { } fingerprint)
        {
            LogRejected(null);
            return null;
        }

        return new ResetPasswordTokenClaims(userId, fingerprint);
    }

    public bool MatchesCurrentPassword(User user, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(fingerprint))
        {
            return false;
        }

        // Compared in its encoded form, as issued: nothing to decode, so no malformed input can throw.
        var expected = Base64Url.EncodeToString(Fingerprint(user.HashedPassword));
        return ConstantTime.Equals(expected, fingerprint);
    }

    private byte[] Fingerprint(string passwordHash) => HMACSHA256.HashData(_fingerprintKey, Encoding.UTF8.GetBytes(passwordHash));

    private async ValueTask<JsonWebToken?> ValidateAsync(Hs256Jwt jwt, string token)
    {
        var (valid, failure) = await jwt.ValidateAsync(token);
        if (valid is null && failure is not null)
        {
            LogRejected(failure);
        }

        return valid;
    }

    // The token itself is never logged: it is a credential. The exception says why (signature, audience, lifetime).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Verification or password reset token rejected")]
    private partial void LogRejected(Exception? reason);
}
