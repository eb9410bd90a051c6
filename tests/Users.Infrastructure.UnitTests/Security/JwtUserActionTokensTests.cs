using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Users.Domain.Users;
using Users.Infrastructure.Security;
using Users.Infrastructure.Settings;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Security;

public sealed class JwtUserActionTokensTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef-test";
    private readonly FakeTimeProvider _time = new();
    private readonly User _user = new UserBuilder().WithEmail("Some.One@Example.com").Build();
    private readonly JwtUserActionTokens _tokens;

    public JwtUserActionTokensTests() => _tokens = Create(Secret);

    public static TheoryData<string> Kinds => new() { "verify", "reset" };

    [Fact]
    public void IssueVerifyToken_WritesExactlySubEmailAudAsAStringAndExp_SignedHs256()
    {
        var (header, payload) = Decode(_tokens.IssueVerifyToken(_user));

        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal(["aud", "email", "exp", "sub"], payload.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(_user.Id.ToString("D"), payload.GetProperty("sub").GetString());
        Assert.Equal(_user.Id.ToString("D").ToLowerInvariant(), payload.GetProperty("sub").GetString());
        Assert.Equal("Some.One@example.com", payload.GetProperty("email").GetString());
        Assert.Equal(JsonValueKind.String, payload.GetProperty("aud").ValueKind);
        Assert.Equal("fastapi-users:verify", payload.GetProperty("aud").GetString());
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds() + 3600, payload.GetProperty("exp").GetInt64());
    }

    [Fact]
    public void IssueResetPasswordToken_WritesExactlySubPasswordFgptAudAsAStringAndExp_SignedHs256()
    {
        var (header, payload) = Decode(_tokens.IssueResetPasswordToken(_user));

        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal(["aud", "exp", "password_fgpt", "sub"], payload.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(_user.Id.ToString("D"), payload.GetProperty("sub").GetString());
        Assert.Equal(JsonValueKind.String, payload.GetProperty("aud").ValueKind);
        Assert.Equal("fastapi-users:reset", payload.GetProperty("aud").GetString());
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds() + 3600, payload.GetProperty("exp").GetInt64());
    }

    [Fact]
    public void PasswordFingerprint_IsHmacSha256OfTheStoredHash_UnderAKeyDerivedFromTheSecret_Base64Url()
    {
        var (_, payload) = Decode(_tokens.IssueResetPasswordToken(_user));

        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), "users:password-fingerprint"u8);
        var expected = Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(_user.HashedPassword)));
        var fingerprint = payload.GetProperty("password_fgpt").GetString();
        Assert.Equal(expected, fingerprint);
        Assert.Equal(43, fingerprint!.Length);
        Assert.DoesNotContain(_user.HashedPassword, payload.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lifetimes_ComeFromTheirOwnSettings()
    {
        var tokens = Create(Secret, verifySeconds: 60, resetSeconds: 120);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();

        Assert.Equal(now + 60, Decode(tokens.IssueVerifyToken(_user)).Payload.GetProperty("exp").GetInt64());
        Assert.Equal(now + 120, Decode(tokens.IssueResetPasswordToken(_user)).Payload.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task VerifyToken_RoundTrips()
    {
        var claims = await _tokens.ReadVerifyTokenAsync(_tokens.IssueVerifyToken(_user), CancellationToken.None);

        Assert.NotNull(claims);
        Assert.Equal(_user.Id, claims.UserId);
        Assert.Equal(_user.Email, claims.Email);
    }

    [Fact]
    public async Task ResetPasswordToken_RoundTrips_AndItsFingerprintMatchesTheCurrentPassword()
    {
        var claims = await _tokens.ReadResetPasswordTokenAsync(_tokens.IssueResetPasswordToken(_user), CancellationToken.None);

        Assert.NotNull(claims);
        Assert.Equal(_user.Id, claims.UserId);
        Assert.True(_tokens.MatchesCurrentPassword(_user, claims.PasswordFingerprint));
    }

    [Fact]
    public async Task Fingerprint_NoLongerMatches_OnceThePasswordChanged()
    {
        var claims = await _tokens.ReadResetPasswordTokenAsync(_tokens.IssueResetPasswordToken(_user), CancellationToken.None);

        _user.ResetPassword("$pbkdf2-sha256$i=1000$b3RoZXJzYWx0b3RoZXJzYWx0$b3RoZXJoYXNob3RoZXJoYXNo", UserBuilder.DefaultCreatedAt);

        Assert.False(_tokens.MatchesCurrentPassword(_user, claims!.PasswordFingerprint));
    }

    [Fact]
    public async Task Fingerprint_DoesNotMatchAnotherUsersHash()
    {
        var other = new UserBuilder().WithEmail("other@example.com").WithPasswordHash("$pbkdf2-sha256$i=1000$eHh4eHh4eHh4eHh4eHh4eA$eXl5eXl5eXl5eXl5eXl5eQ").Build();
        var claims = await _tokens.ReadResetPasswordTokenAsync(_tokens.IssueResetPasswordToken(_user), CancellationToken.None);

        Assert.False(_tokens.MatchesCurrentPassword(other, claims!.PasswordFingerprint));
    }

    [Fact]
    public async Task Fingerprint_DependsOnTheSecret()
    {
        var otherTokens = Create("another-secret-that-is-also-32-bytes-long");
        var mine = Decode(_tokens.IssueResetPasswordToken(_user)).Payload.GetProperty("password_fgpt").GetString()!;
        var theirs = Decode(otherTokens.IssueResetPasswordToken(_user)).Payload.GetProperty("password_fgpt").GetString()!;

        Assert.NotEqual(mine, theirs);
        Assert.False(otherTokens.MatchesCurrentPassword(_user, mine));
        Assert.True(otherTokens.MatchesCurrentPassword(_user, theirs));
        Assert.Null(await otherTokens.ReadResetPasswordTokenAsync(_tokens.IssueResetPasswordToken(_user), CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("not base64 at all, but exactly 43 chars!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void MatchesCurrentPassword_WithGarbage_IsFalse(string fingerprint)
    {
        Assert.False(_tokens.MatchesCurrentPassword(_user, fingerprint));
        Assert.False(_tokens.MatchesCurrentPassword(_user, null!));
    }

    [Fact]
    public async Task VerifyToken_IsRejectedAsResetToken_AndAsAccessToken()
    {
        var token = _tokens.IssueVerifyToken(_user);

        Assert.Null(await _tokens.ReadResetPasswordTokenAsync(token, CancellationToken.None));
        Assert.Null(await CreateAccessTokens().ReadAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task ResetToken_IsRejectedAsVerifyToken_AndAsAccessToken()
    {
        var token = _tokens.IssueResetPasswordToken(_user);

        Assert.Null(await _tokens.ReadVerifyTokenAsync(token, CancellationToken.None));
        Assert.Null(await CreateAccessTokens().ReadAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task AccessToken_IsRejectedAsVerifyAndAsResetToken()
    {
        var token = CreateAccessTokens().Issue(_user);

        Assert.Null(await _tokens.ReadVerifyTokenAsync(token, CancellationToken.None));
        Assert.Null(await _tokens.ReadResetPasswordTokenAsync(token, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ExpiredToken_IsAcceptedWithinTheClockSkew_AndRejectedBeyondIt(string kind)
    {
        var token = Issue(kind);

        _time.Advance(TimeSpan.FromSeconds(3600 + 29));
        Assert.True(await ReadsAsync(kind, token));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(await ReadsAsync(kind, token));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task TamperedPayload_IsRejected(string kind)
    {
        var parts = Issue(kind).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]))
            .Replace(_user.Id.ToString(), Guid.CreateVersion7().ToString(), StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        Assert.False(await ReadsAsync(kind, tampered));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task TamperedSignature_IsRejected(string kind)
    {
        var parts = Issue(kind).Split('.');
        var signature = Base64Url.DecodeFromChars(parts[2]);
        signature[^1] ^= 0x01;

        Assert.False(await ReadsAsync(kind, $"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString(signature)}"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AlgNone_IsRejected(string kind)
    {
        var parts = Issue(kind).Split('.');
        var header = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);

        Assert.False(await ReadsAsync(kind, $"{header}.{parts[1]}."));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task OtherAlgorithm_IsRejectedEvenWithTheRightKey(string kind)
    {
        const string longSecret = Secret + Secret + Secret;
        var tokens = Create(longSecret);
        var claims = ValidClaims(kind);

        Assert.True(await ReadsAsync(kind, Sign(claims, SecurityAlgorithms.HmacSha256, longSecret), tokens));
        Assert.False(await ReadsAsync(kind, Sign(claims, SecurityAlgorithms.HmacSha512, longSecret), tokens));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task TokenWithoutExp_IsRejected(string kind)
    {
        var claims = ValidClaims(kind);
        claims.Remove("exp");

        Assert.False(await ReadsAsync(kind, Sign(claims)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task TokenWithTheAudienceInAnArray_IsAccepted_AndWithoutAudience_Rejected(string kind)
    {
        var claims = ValidClaims(kind);
        claims["aud"] = new[] { (string)claims["aud"] };
        Assert.True(await ReadsAsync(kind, Sign(claims)));

        claims.Remove("aud");
        Assert.False(await ReadsAsync(kind, Sign(claims)));
    }

    [Theory]
    [InlineData("verify", "sub", null)]
    [InlineData("verify", "sub", "not-a-uuid")]
    [InlineData("verify", "sub", 42)]
    [InlineData("verify", "email", null)]
    [InlineData("verify", "email", "")]
    [InlineData("verify", "email", 42)]
    [InlineData("reset", "sub", null)]
    [InlineData("reset", "sub", "")]
    [InlineData("reset", "password_fgpt", null)]
    [InlineData("reset", "password_fgpt", 42)]
    public async Task TokenWithAMissingOrInvalidClaim_IsRejected(string kind, string claim, object? value)
    {
        var claims = ValidClaims(kind);
        if (value is null)
        {
            claims.Remove(claim);
        }
        else
        {
            claims[claim] = value;
        }

        Assert.False(await ReadsAsync(kind, Sign(claims)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("...")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln")]
    [InlineData("\u0000\u0001")]
    public async Task Garbage_IsRejected_NeverThrown(string token)
    {
        Assert.Null(await _tokens.ReadVerifyTokenAsync(token, CancellationToken.None));
        Assert.Null(await _tokens.ReadResetPasswordTokenAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task NullAndHugeInput_AreRejected()
    {
        Assert.Null(await _tokens.ReadVerifyTokenAsync(null!, CancellationToken.None));
        Assert.Null(await _tokens.ReadResetPasswordTokenAsync(new string('a', 1_000_000) + ".b.c", CancellationToken.None));
    }

    private string Issue(string kind) => kind == "verify" ? _tokens.IssueVerifyToken(_user) : _tokens.IssueResetPasswordToken(_user);

    private async Task<bool> ReadsAsync(string kind, string token, JwtUserActionTokens? tokens = null)
    {
        tokens ??= _tokens;
        return kind == "verify"
            ? await tokens.ReadVerifyTokenAsync(token, CancellationToken.None) is not null
            : await tokens.ReadResetPasswordTokenAsync(token, CancellationToken.None) is not null;
    }

    private Dictionary<string, object> ValidClaims(string kind)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = _user.Id.ToString(),
            ["exp"] = _time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(),
        };
        if (kind == "verify")
        {
            claims["aud"] = "fastapi-users:verify";
            claims["email"] = _user.Email;
        }
        else
        {
            claims["aud"] = "fastapi-users:reset";
            claims["password_fgpt"] = "some-fingerprint";
        }

        return claims;
    }

    private static (JsonElement Header, JsonElement Payload) Decode(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return (JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement, JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement);
    }

    private static string Sign(Dictionary<string, object> claims, string algorithm = SecurityAlgorithms.HmacSha256, string secret = Secret)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
        return handler.CreateToken(new SecurityTokenDescriptor { Claims = claims, SigningCredentials = new SigningCredentials(key, algorithm) });
    }

    private JwtUserActionTokens Create(string secret, int verifySeconds = 3600, int resetSeconds = 3600) =>
        new(
            Options.Create(new AuthTokenOptions { Secret = secret, VerifyTokenLifetimeSeconds = verifySeconds, ResetPasswordTokenLifetimeSeconds = resetSeconds }),
            _time,
            NullLogger<JwtUserActionTokens>.Instance);

    private JwtAccessTokenService CreateAccessTokens() =>
        new(Options.Create(new AuthTokenOptions { Secret = Secret }), _time, NullLogger<JwtAccessTokenService>.Instance);
}
