using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Users.Application.Abstractions.OAuth;
using Users.Infrastructure.OAuth;
using Users.Infrastructure.Settings;
using Users.Infrastructure.UnitTests.Security;

namespace Users.Infrastructure.UnitTests.OAuth;

/// <summary>The OAuth state as FastAPI Users writes it, read back as valid, expired or not ours; and the PKCE pair it derives.</summary>
public sealed class OAuthStateTokensTests : JwtUserActionTokensTestBase
{
    private OAuthStateTokens States(string secret = Secret) => new(Options.Create(new AuthTokenOptions { Secret = secret }), Time);

    [Fact]
    public void Start_WritesExactlyCsrftokenAudAsAStringAndExp_WithTheCsrfTokenOfTheCookie()
    {
        var start = States().Start(userId: null);

        var (header, payload) = Decode(start.State);
        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal(["aud", "csrftoken", "exp"], payload.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("fastapi-users:oauth-state", payload.GetProperty("aud").GetString());
        Assert.Equal(Time.GetUtcNow().ToUnixTimeSeconds() + 3600, payload.GetProperty("exp").GetInt64());
        Assert.Equal(start.CsrfToken, payload.GetProperty("csrftoken").GetString());
        Assert.Matches("^[A-Za-z0-9_-]{43}$", start.CsrfToken);
    }

    [Fact]
    public void Start_WhenAssociating_AddsTheUserAsSub()
    {
        var userId = Guid.NewGuid();

        var (_, payload) = Decode(States().Start(userId).State);

        Assert.Equal(userId.ToString("D"), payload.GetProperty("sub").GetString());
    }

    [Fact]
    public void Start_GivesEachAuthorizationItsOwnCsrfToken()
    {
        var states = States();

        Assert.NotEqual(states.Start(null).CsrfToken, states.Start(null).CsrfToken);
    }

    [Fact]
    public async Task ReadAsync_OfAFreshState_IsValid_WithItsCsrfToken_User_AndTheVerifierOfItsChallenge()
    {
        var userId = Guid.NewGuid();
        var start = States().Start(userId);

        var reading = await States().ReadAsync(start.State);

        Assert.Equal((OAuthStateOutcome.Valid, start.CsrfToken, (Guid?)userId), (reading.Outcome, reading.CsrfToken, reading.UserId));
        Assert.Matches("^[A-Za-z0-9_-]{43}$", reading.CodeVerifier); // RFC 7636: 43 to 128 unreserved characters
        Assert.Equal(start.CodeChallenge, Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(reading.CodeVerifier))));
        Assert.DoesNotContain(reading.CodeVerifier, start.State, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_AfterTheLifetimeAndSkew_IsExpired()
    {
        var start = States().Start(null);
        Time.Advance(TimeSpan.FromSeconds(3600 + 31));

        Assert.Equal(OAuthStateOutcome.Expired, (await States().ReadAsync(start.State)).Outcome);
    }

    [Fact]
    public async Task ReadAsync_WithinTheSkew_IsStillValid()
    {
        var start = States().Start(null);
        Time.Advance(TimeSpan.FromSeconds(3600 + 29));

        Assert.Equal(OAuthStateOutcome.Valid, (await States().ReadAsync(start.State)).Outcome);
    }

    [Fact]
    public async Task ReadAsync_OfAnExpiredStateSignedWithAnotherSecret_IsInvalid_NotExpired()
    {
        var start = States("another-secret-0123456789abcdef0123456789").Start(null);
        Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(OAuthStateOutcome.Invalid, (await States().ReadAsync(start.State)).Outcome);
    }

    [Fact]
    public async Task ReadAsync_OfAnotherTokenType_IsInvalid()
    {
        var verifyToken = Tokens.IssueVerifyToken(User);
        var accessToken = (await CreateAccessTokens().IssueAsync(User, Session(), CancellationToken.None)).Value;

        Assert.Equal(OAuthStateOutcome.Invalid, (await States().ReadAsync(verifyToken)).Outcome);
        Assert.Equal(OAuthStateOutcome.Invalid, (await States().ReadAsync(accessToken)).Outcome);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    public async Task ReadAsync_OfGarbage_IsInvalid(string? state) =>
        Assert.Equal(OAuthStateOutcome.Invalid, (await States().ReadAsync(state)).Outcome);

    [Fact]
    public async Task ReadAsync_OfATamperedState_IsInvalid()
    {
        var parts = States().Start(null).State.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, object>>(Base64Url.DecodeFromChars(parts[1]))!;
        payload["csrftoken"] = "chosen-by-the-attacker";
        var forged = $"{parts[0]}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload))}.{parts[2]}";

        Assert.Equal(OAuthStateOutcome.Invalid, (await States().ReadAsync(forged)).Outcome);
    }

    [Fact]
    public void TheVerifier_DependsOnTheSecret()
    {
        var start = States().Start(null);
        var otherSecret = new OAuthStateTokens(Options.Create(new AuthTokenOptions { Secret = "another-secret-0123456789abcdef0123456789" }), new FakeTimeProvider(Time.GetUtcNow()));

        // Same CSRF token, other key: a different verifier, so the challenge of this service cannot be answered elsewhere.
        Assert.NotEqual(start.CodeChallenge, otherSecret.Start(null).CodeChallenge);
    }

    private Users.Domain.Sessions.Session Session() =>
        Users.Domain.Sessions.Session.Start(User, "jwt", Users.Domain.Sessions.SessionClient.Unknown, Time.GetUtcNow());
}
