using System.Text.Json;
using Users.Domain.Sessions;
using Users.Domain.Users;

namespace Users.Infrastructure.UnitTests.Security;

/// <summary>What the verify and reset tokens hold, how long they live, and that each kind reads back only as itself.</summary>
public sealed class JwtUserActionTokensTests : JwtUserActionTokensTestBase
{
    [Fact]
    public void IssueVerifyToken_WritesExactlySubEmailAudAsAStringAndExp_SignedHs256()
    {
        var (header, payload) = Decode(Tokens.IssueVerifyToken(User));

        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal(["aud", "email", "exp", "sub"], payload.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(User.Id.ToString("D"), payload.GetProperty("sub").GetString());
        Assert.Equal(User.Id.ToString("D").ToLowerInvariant(), payload.GetProperty("sub").GetString());
        Assert.Equal("Some.One@example.com", payload.GetProperty("email").GetString());
        Assert.Equal(JsonValueKind.String, payload.GetProperty("aud").ValueKind);
        Assert.Equal("fastapi-users:verify", payload.GetProperty("aud").GetString());
        Assert.Equal(Time.GetUtcNow().ToUnixTimeSeconds() + 3600, payload.GetProperty("exp").GetInt64());
    }

    [Fact]
    public void IssueResetPasswordToken_WritesExactlySubPasswordFgptAudAsAStringAndExp_SignedHs256()
    {
        var (header, payload) = Decode(Tokens.IssueResetPasswordToken(User));

        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal(["aud", "exp", "password_fgpt", "sub"], payload.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(User.Id.ToString("D"), payload.GetProperty("sub").GetString());
        Assert.Equal(JsonValueKind.String, payload.GetProperty("aud").ValueKind);
        Assert.Equal("fastapi-users:reset", payload.GetProperty("aud").GetString());
        Assert.Equal(Time.GetUtcNow().ToUnixTimeSeconds() + 3600, payload.GetProperty("exp").GetInt64());
    }

    [Fact]
    public void Lifetimes_ComeFromTheirOwnSettings()
    {
        var tokens = Create(Secret, verifySeconds: 60, resetSeconds: 120);
        var now = Time.GetUtcNow().ToUnixTimeSeconds();

        Assert.Equal(now + 60, Decode(tokens.IssueVerifyToken(User)).Payload.GetProperty("exp").GetInt64());
        Assert.Equal(now + 120, Decode(tokens.IssueResetPasswordToken(User)).Payload.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task VerifyToken_RoundTrips()
    {
        var claims = await Tokens.ReadVerifyTokenAsync(Tokens.IssueVerifyToken(User), CancellationToken.None);

        Assert.NotNull(claims);
        Assert.Equal(User.Id, claims.UserId);
        Assert.Equal(User.Email, claims.Email);
    }

    [Fact]
    public async Task ResetPasswordToken_RoundTrips_AndItsFingerprintMatchesTheCurrentPassword()
    {
        var claims = await Tokens.ReadResetPasswordTokenAsync(Tokens.IssueResetPasswordToken(User), CancellationToken.None);

        Assert.NotNull(claims);
        Assert.Equal(User.Id, claims.UserId);
        Assert.True(Tokens.MatchesCurrentPassword(User, claims.PasswordFingerprint));
    }

    [Fact]
    public async Task VerifyToken_IsRejectedAsResetToken_AndAsAccessToken()
    {
        var token = Tokens.IssueVerifyToken(User);

        Assert.Null(await Tokens.ReadResetPasswordTokenAsync(token, CancellationToken.None));
        Assert.Null(await CreateAccessTokens().ReadAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task ResetToken_IsRejectedAsVerifyToken_AndAsAccessToken()
    {
        var token = Tokens.IssueResetPasswordToken(User);

        Assert.Null(await Tokens.ReadVerifyTokenAsync(token, CancellationToken.None));
        Assert.Null(await CreateAccessTokens().ReadAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task AccessToken_IsRejectedAsVerifyAndAsResetToken()
    {
        var token = CreateAccessTokens().Issue(User, Session.Start(User, "jwt", SessionClient.Unknown, DateTimeOffset.UtcNow)).Value;

        Assert.Null(await Tokens.ReadVerifyTokenAsync(token, CancellationToken.None));
        Assert.Null(await Tokens.ReadResetPasswordTokenAsync(token, CancellationToken.None));
    }
}
