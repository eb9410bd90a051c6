using System.Buffers.Text;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Users.Domain.Users;
using Users.Infrastructure.Security;

namespace Users.Infrastructure.UnitTests.Security;

/// <summary>Every token that was not issued as it stands, or that has run out, is refused (never thrown on), for both kinds.</summary>
public sealed class JwtUserActionTokenRejectionTests : JwtUserActionTokensTestBase
{
    public static TheoryData<string> Kinds => new() { "verify", "reset" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ExpiredToken_IsAcceptedWithinTheClockSkew_AndRejectedBeyondIt(string kind)
    {
        var token = Issue(kind);

        Time.Advance(TimeSpan.FromSeconds(3600 + 29));
        Assert.True(await ReadsAsync(kind, token));

        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(await ReadsAsync(kind, token));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task TamperedPayload_IsRejected(string kind)
    {
        var parts = Issue(kind).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]))
            .Replace(User.Id.ToString(), Guid.CreateVersion7().ToString(), StringComparison.Ordinal);
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
        Assert.Null(await Tokens.ReadVerifyTokenAsync(token, CancellationToken.None));
        Assert.Null(await Tokens.ReadResetPasswordTokenAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task NullAndHugeInput_AreRejected()
    {
        Assert.Null(await Tokens.ReadVerifyTokenAsync(null!, CancellationToken.None));
        Assert.Null(await Tokens.ReadResetPasswordTokenAsync(new string('a', 1_000_000) + ".b.c", CancellationToken.None));
    }

    private string Issue(string kind) => kind == "verify" ? Tokens.IssueVerifyToken(User) : Tokens.IssueResetPasswordToken(User);

    private async Task<bool> ReadsAsync(string kind, string token, JwtUserActionTokens? tokens = null)
    {
        tokens ??= Tokens;
        return kind == "verify"
            ? await tokens.ReadVerifyTokenAsync(token, CancellationToken.None) is not null
            : await tokens.ReadResetPasswordTokenAsync(token, CancellationToken.None) is not null;
    }

    private Dictionary<string, object> ValidClaims(string kind)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = User.Id.ToString(),
            ["exp"] = Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(),
        };
        if (kind == "verify")
        {
            claims["aud"] = "fastapi-users:verify";
            claims["email"] = User.Email;
        }
        else
        {
            claims["aud"] = "fastapi-users:reset";
            claims["password_fgpt"] = "some-fingerprint";
        }

        return claims;
    }

    private static string Sign(Dictionary<string, object> claims, string algorithm = SecurityAlgorithms.HmacSha256, string secret = Secret)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
        return handler.CreateToken(new SecurityTokenDescriptor { Claims = claims, SigningCredentials = new SigningCredentials(key, algorithm) });
    }
}
