using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.Infrastructure.Security;
using Users.Infrastructure.Settings;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Security;

public sealed class JwtAccessTokenServiceTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef-test";
    private readonly FakeTimeProvider _time = new();
    private readonly User _user = new UserBuilder().Build();
    private readonly Session _session;
    private readonly JwtAccessTokenService _service;

    public JwtAccessTokenServiceTests()
    {
        _service = Create(Secret);
        _session = Session.Start(_user, "jwt", SessionClient.Unknown, _time.GetUtcNow());
    }

    [Fact]
    public void Issue_WritesExactlySubAudArrayIatExpStampAndSid()
    {
        var token = _service.Issue(_user, _session).Value;

        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());

        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var root = payload.RootElement;
        Assert.Equal(["aud", "exp", "iat", "sid", "stamp", "sub"], root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(_user.Id.ToString("D"), root.GetProperty("sub").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("aud").ValueKind);
        Assert.Equal(["fastapi-users:auth"], root.GetProperty("aud").EnumerateArray().Select(a => a.GetString()));
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(now, root.GetProperty("iat").GetInt64());
        Assert.Equal(now + 3600, root.GetProperty("exp").GetInt64());
        Assert.Equal(_user.SecurityStamp, root.GetProperty("stamp").GetString());
        Assert.Equal(_session.Id.ToString("D"), root.GetProperty("sid").GetString());
    }

    [Fact]
    public void Issue_AnnouncesItsLifetime_AndIsUsableUpToTheClockSkewPastExpiry()
    {
        var issued = _service.Issue(_user, _session);

        Assert.Equal(3600, issued.ExpiresInSeconds);
        Assert.Equal(_time.GetUtcNow().AddSeconds(3600 + 30), issued.UsableUntil);
    }

    [Fact]
    public async Task ReadAsync_AcceptsItsOwnToken()
    {
        var claims = await _service.ReadAsync(_service.Issue(_user, _session).Value, CancellationToken.None);

        Assert.NotNull(claims);
        Assert.Equal(_user.Id, claims.UserId);
        Assert.Equal(_user.SecurityStamp, claims.SecurityStamp);
        Assert.Equal(_session.Id, claims.SessionId);
    }

    [Fact]
    public async Task ReadAsync_AcceptsAnExpiredTokenWithinTheClockSkew_AndRejectsOneBeyondIt()
    {
        var token = _service.Issue(_user, _session).Value;

        _time.Advance(TimeSpan.FromSeconds(3600 + 29));
        Assert.NotNull(await _service.ReadAsync(token, CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await _service.ReadAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_RejectsATokenIssuedTooFarInTheFuture()
    {
        var futureService = Create(Secret, new FakeTimeProvider(_time.GetUtcNow().AddMinutes(5)));
        var token = Sign(new Dictionary<string, object>
        {
            ["sub"] = _user.Id.ToString(),
            ["aud"] = new[] { "fastapi-users:auth" },
            ["stamp"] = _user.SecurityStamp,
            ["sid"] = _session.Id.ToString(),
            ["nbf"] = _time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds(),
            ["exp"] = _time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(),
        });

        Assert.Null(await _service.ReadAsync(token, CancellationToken.None));
        Assert.NotNull(await futureService.ReadAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_RejectsATamperedPayload()
    {
        var parts = _service.Issue(_user, _session).Value.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]))
            .Replace(_user.Id.ToString(), Guid.CreateVersion7().ToString(), StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        Assert.Null(await _service.ReadAsync(tampered, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_RejectsATamperedSignature()
    {
        var parts = _service.Issue(_user, _session).Value.Split('.');
        var signature = Base64Url.DecodeFromChars(parts[2]);
        signature[0] ^= 0x01;
        var tampered = $"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString(signature)}";

        Assert.Null(await _service.ReadAsync(tampered, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_RejectsAlgNone()
    {
        var parts = _service.Issue(_user, _session).Value.Split('.');
        var header = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);

        Assert.Null(await _service.ReadAsync($"{header}.{parts[1]}.", CancellationToken.None));
        Assert.Null(await _service.ReadAsync($"{header}.{parts[1]}", CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_RejectsOtherAlgorithmsEvenWithTheRightKey()
    {
        // HS512 needs a 64-byte key; the service gets the same one, so only the algorithm differs.
        const string longSecret = Secret + Secret + Secret;
        var service = Create(longSecret);

        Assert.NotNull(await service.ReadAsync(Sign(ValidClaims(), SecurityAlgorithms.HmacSha256, longSecret), CancellationToken.None));
        Assert.Null(await service.ReadAsync(Sign(ValidClaims(), SecurityAlgorithms.HmacSha512, longSecret), CancellationToken.None));
        Assert.Null(await service.ReadAsync(Sign(ValidClaims(), SecurityAlgorithms.HmacSha384, longSecret), CancellationToken.None));
    }

    [Theory]
    [InlineData("fastapi-users:verify")]
    [InlineData("fastapi-users:reset")]
    [InlineData("")]
    public async Task ReadAsync_RejectsOtherAudiences(string audience)
    {
        var claims = ValidClaims();
        claims["aud"] = audience;

        Assert.Null(await _service.ReadAsync(Sign(claims), CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_AcceptsTheAudienceAsAPlainString()
    {
        var claims = ValidClaims();
        claims["aud"] = "fastapi-users:auth";

        Assert.NotNull(await _service.ReadAsync(Sign(claims), CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_RejectsATokenWithoutAudience()
    {
        var claims = ValidClaims();
        claims.Remove("aud");

        Assert.Null(await _service.ReadAsync(Sign(claims), CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_RejectsATokenWithoutExp()
    {
        var claims = ValidClaims();
        claims.Remove("exp");

        Assert.Null(await _service.ReadAsync(Sign(claims), CancellationToken.None));
    }

    [Theory]
    [InlineData("sub")]
    [InlineData("stamp")]
    [InlineData("sid")]
    public async Task ReadAsync_RejectsATokenMissingAClaim(string claim)
    {
        var claims = ValidClaims();
        claims.Remove(claim);

        Assert.Null(await _service.ReadAsync(Sign(claims), CancellationToken.None));
    }

    [Theory]
    [InlineData("sub", "not-a-uuid")]
    [InlineData("sub", "")]
    [InlineData("sub", 42)]
    [InlineData("stamp", "")]
    [InlineData("stamp", 42)]
    [InlineData("sid", "not-a-uuid")]
    [InlineData("sid", "")]
    [InlineData("sid", 42)]
    public async Task ReadAsync_RejectsAnInvalidClaim(string claim, object value)
    {
        var claims = ValidClaims();
        claims[claim] = value;

        Assert.Null(await _service.ReadAsync(Sign(claims), CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_RejectsATokenSignedWithAnotherSecret()
    {
        var other = Create("another-secret-that-is-also-32-bytes-long");

        Assert.Null(await _service.ReadAsync(other.Issue(_user, _session).Value, CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("a.b")]
    [InlineData("...")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln")]
    [InlineData("e30.e30.e30.e30.e30")]
    [InlineData("\u0000\u0001")]
    public async Task ReadAsync_ReturnsNullForGarbage(string token)
    {
        Assert.Null(await _service.ReadAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_ReturnsNullForNullAndHugeInput()
    {
        Assert.Null(await _service.ReadAsync(null!, CancellationToken.None));
        Assert.Null(await _service.ReadAsync(new string('a', 1_000_000) + ".b.c", CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_AFastApiUsersToken_IsRefused_UnlessLegacyTokensAreAccepted_ThenReadsAsLegacy()
    {
        var legacy = ValidClaims();
        legacy.Remove("stamp");
        legacy.Remove("sid");
        var token = Sign(legacy);

        Assert.Null(await _service.ReadAsync(token, CancellationToken.None));
        var claims = await Create(Secret, acceptLegacy: true).ReadAsync(token, CancellationToken.None);
        Assert.NotNull(claims);
        Assert.True(claims.IsLegacy);
        Assert.Equal((_user.Id, Guid.Empty, ""), (claims.UserId, claims.SessionId, claims.SecurityStamp));
    }

    [Theory]
    [InlineData("stamp")]
    [InlineData("sid")]
    public async Task ReadAsync_WithLegacyTokensAccepted_ATokenWithOnlyOneOfStampAndSid_IsRefused(string kept)
    {
        var claims = ValidClaims();
        claims.Remove(kept == "stamp" ? "sid" : "stamp");

        Assert.Null(await Create(Secret, acceptLegacy: true).ReadAsync(Sign(claims), CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_WithLegacyTokensAccepted_OurOwnTokens_AreNotLegacy()
    {
        var accepting = Create(Secret, acceptLegacy: true);

        var claims = await accepting.ReadAsync(accepting.Issue(_user, _session).Value, CancellationToken.None);

        Assert.NotNull(claims);
        Assert.False(claims.IsLegacy);
        Assert.Equal(_session.Id, claims.SessionId);
    }

    private Dictionary<string, object> ValidClaims() =>
        new()
        {
            ["sub"] = _user.Id.ToString(),
            ["aud"] = new[] { "fastapi-users:auth" },
            ["stamp"] = _user.SecurityStamp,
            ["sid"] = _session.Id.ToString(),
            ["exp"] = _time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(),
        };

    // Signs arbitrary claims with the service's secret, so each test changes exactly one thing.
    private static string Sign(
        Dictionary<string, object> claims, string algorithm = SecurityAlgorithms.HmacSha256, string secret = Secret)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
        return handler.CreateToken(new SecurityTokenDescriptor { Claims = claims, SigningCredentials = new SigningCredentials(key, algorithm) });
    }

    private JwtAccessTokenService Create(string secret, TimeProvider? time = null, bool acceptLegacy = false) =>
        new(
            Options.Create(new AuthTokenOptions { Secret = secret, AccessTokenLifetimeSeconds = 3600, AcceptLegacyTokens = acceptLegacy }),
            time ?? _time,
            NullLogger<JwtAccessTokenService>.Instance);
}
