using Users.Application.Abstractions.Security;
using Users.Infrastructure.Security.Passwords;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Security.Passwords;

public sealed class BcryptPasswordHashTests
{
    private readonly BcryptPasswordHash _bcrypt = new();

    public static TheoryData<string, string, string> BcryptVectors => VectorTheories.Starting("$2a$", "$2b$", "$2y$");

    [Theory]
    [MemberData(nameof(BcryptVectors))]
    public void Verify_HashesOfPycaBcryptAndPasslib_MatchTheirPassword_AndAlwaysNeedARehash(string tool, string password, string hash)
    {
        Assert.True(_bcrypt.Recognizes(hash), tool);
        Assert.Equal(PasswordVerification.SuccessRehashNeeded, _bcrypt.Verify(hash, password));
        Assert.Equal(PasswordVerification.Failed, _bcrypt.Verify(hash, "#" + password));
    }

    [Fact]
    public void Verify_OnlyTheFirst72BytesCount_AsWhenTheHashWasMade()
    {
        var vector = PasswordHashVectors.Starting("$2b$04$").First(v => v.Password.Length == 100);

        Assert.Equal(PasswordVerification.SuccessRehashNeeded, _bcrypt.Verify(vector.Hash, new string('x', 72) + "anything after"));
        Assert.Equal(PasswordVerification.Failed, _bcrypt.Verify(vector.Hash, new string('x', 71)));
    }

    [Theory]
    [InlineData("$2b$31$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234")] // 2^31 rounds: hours
    [InlineData("$2b$17$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234")]
    [InlineData("$2b$03$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234")]
    [InlineData("$2b$12$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz0123")] // one short
    [InlineData("$2b$12$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz012345")] // one long
    [InlineData("$2b$12$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz0123+")] // not bcrypt's alphabet
    [InlineData("$2b$1x$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234")]
    public void Verify_AMalformedOrTooCostlyHash_IsUnknownFormat(string hash)
    {
        Assert.Equal(PasswordVerification.UnknownFormat, _bcrypt.Verify(hash, "password"));
    }

    [Theory]
    [InlineData("$2x$12$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234", false)] // crypt_blowfish's buggy variant
    [InlineData("$2$12$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234", false)]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$dGFn", false)]
    [InlineData("$2a$12$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234", true)]
    [InlineData("$2y$12$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234", true)]
    public void Recognizes_The2a2bAnd2yPrefixes(string hash, bool recognized)
    {
        Assert.Equal(recognized, _bcrypt.Recognizes(hash));
    }
}
