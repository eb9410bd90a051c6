using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Users.Domain.Users;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Security;

/// <summary>The reset token's password fingerprint: what it is computed from, and which password and secret it matches.</summary>
public sealed class PasswordFingerprintTests : JwtUserActionTokensTestBase
{
    [Fact]
    public void PasswordFingerprint_IsHmacSha256OfTheStoredHash_UnderAKeyDerivedFromTheSecret_Base64Url()
    {
        var (_, payload) = Decode(Tokens.IssueResetPasswordToken(User));

        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), "users:password-fingerprint"u8);
        var expected = Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(User.HashedPassword)));
        var fingerprint = payload.GetProperty("password_fgpt").GetString();
        Assert.Equal(expected, fingerprint);
        Assert.Equal(43, fingerprint!.Length);
        Assert.DoesNotContain(User.HashedPassword, payload.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fingerprint_NoLongerMatches_OnceThePasswordChanged()
    {
        var claims = await Tokens.ReadResetPasswordTokenAsync(Tokens.IssueResetPasswordToken(User), CancellationToken.None);

        User.ResetPassword("$pbkdf2-sha256$i=1000$b3RoZXJzYWx0b3RoZXJzYWx0$b3RoZXJoYXNob3RoZXJoYXNo", UserBuilder.DefaultCreatedAt);

        Assert.False(Tokens.MatchesCurrentPassword(User, claims!.PasswordFingerprint));
    }

    [Fact]
    public async Task Fingerprint_DoesNotMatchAnotherUsersHash()
    {
        var other = new UserBuilder().WithEmail("other@example.com").WithPasswordHash("$pbkdf2-sha256$i=1000$eHh4eHh4eHh4eHh4eHh4eA$eXl5eXl5eXl5eXl5eXl5eQ").Build();
        var claims = await Tokens.ReadResetPasswordTokenAsync(Tokens.IssueResetPasswordToken(User), CancellationToken.None);

        Assert.False(Tokens.MatchesCurrentPassword(other, claims!.PasswordFingerprint));
    }

    [Fact]
    public async Task Fingerprint_DependsOnTheSecret()
    {
        var otherTokens = Create("another-secret-that-is-also-32-bytes-long");
        var mine = Decode(Tokens.IssueResetPasswordToken(User)).Payload.GetProperty("password_fgpt").GetString()!;
        var theirs = Decode(otherTokens.IssueResetPasswordToken(User)).Payload.GetProperty("password_fgpt").GetString()!;

        Assert.NotEqual(mine, theirs);
        Assert.False(otherTokens.MatchesCurrentPassword(User, mine));
        Assert.True(otherTokens.MatchesCurrentPassword(User, theirs));
        Assert.Null(await otherTokens.ReadResetPasswordTokenAsync(Tokens.IssueResetPasswordToken(User), CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("not base64 at all, but exactly 43 chars!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void MatchesCurrentPassword_WithGarbage_IsFalse(string fingerprint)
    {
        Assert.False(Tokens.MatchesCurrentPassword(User, fingerprint));
        Assert.False(Tokens.MatchesCurrentPassword(User, null!));
    }
}
