using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Users.Application.Abstractions.OAuth;
using Users.Infrastructure.Security;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.OAuth;

/// <summary>
/// FastAPI Users' OAuth state: an HS256 JWT signed with <c>Auth:Secret</c>, <c>aud</c> = <c>fastapi-users:oauth-state</c>,
/// <c>exp</c> an hour ahead, <c>csrftoken</c> (43 random URL-safe characters, also set as the browser's cookie) and
/// <c>sub</c> in the associate flow. The PKCE verifier is an HMAC of the CSRF token under a key derived from the secret
/// for this use only: the state travels through the browser and the provider, the verifier never does.
/// </summary>
public sealed class OAuthStateTokens : IOAuthStateTokens
{
    public const string Audience = "fastapi-users:oauth-state";

    public const string CsrfTokenClaim = "csrftoken";

    /// <summary>The contract's state lifetime.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3600);

    private static readonly byte[] VerifierKeyLabel = "users:oauth-pkce-verifier"u8.ToArray();

    private readonly Hs256Jwt _jwt;
    private readonly byte[] _verifierKey;

    public OAuthStateTokens(IOptions<AuthTokenOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secret = options.Value.Secret ?? string.Empty;
        _jwt = new Hs256Jwt(secret, Audience, audienceAsArray: false, time);
        _verifierKey = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), VerifierKeyLabel);
    }

    public OAuthStateStart Start(Guid? userId)
    {
        var csrfToken = OpaqueTokens.New();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [CsrfTokenClaim] = csrfToken };
        if (userId is { } id)
        {
            claims[JwtRegisteredClaimNames.Sub] = id.ToString("D");
        }

        var state = _jwt.Create(claims, Lifetime, withIssuedAt: false);
        return new OAuthStateStart(state, csrfToken, ChallengeOf(VerifierFor(csrfToken)));
    }

    public async ValueTask<OAuthStateReading> ReadAsync(string? state)
    {
        var (token, _) = await _jwt.ValidateAsync(state);
        if (token is null)
        {
            return state is not null && await _jwt.IsExpiredButOtherwiseValidAsync(state) ? OAuthStateReading.Expired : OAuthStateReading.Invalid;
        }

        var csrfToken = Hs256Jwt.GetString(token, CsrfTokenClaim);
        var hasSubject = token.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Sub, out _);
        var userId = Hs256Jwt.GetSubjectId(token);
        if (csrfToken is null || (hasSubject && userId is null))
        {
            return OAuthStateReading.Invalid;
        }

        return new OAuthStateReading(OAuthStateOutcome.Valid, csrfToken, userId, VerifierFor(csrfToken));
    }

    // RFC 7636: 43 characters of [A-Za-z0-9-_] (32 bytes, base64url), and its S256 challenge.
    private string VerifierFor(string csrfToken) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_verifierKey, Encoding.UTF8.GetBytes(csrfToken)));

    private static string ChallengeOf(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
