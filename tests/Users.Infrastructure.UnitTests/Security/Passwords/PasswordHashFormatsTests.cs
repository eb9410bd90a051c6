using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Security;
using Users.Infrastructure.Security.Passwords;
using Users.Infrastructure.Settings;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Security.Passwords;

public sealed class PasswordHashFormatsTests
{
    private const string Password = "correct horse battery staple";

    private readonly PasswordHashFormats _argon2id = Create(PasswordHashingOptions.Argon2idAlgorithm);
    private readonly PasswordHashFormats _pbkdf2 = Create(PasswordHashingOptions.Sha256Algorithm);

    [Fact]
    public void Hash_UsesTheConfiguredAlgorithm()
    {
        Assert.StartsWith("$argon2id$v=19$m=64,t=1,p=1$", _argon2id.Hash(Password), StringComparison.Ordinal);
        Assert.StartsWith("$pbkdf2-sha256$i=1000$", _pbkdf2.Hash(Password), StringComparison.Ordinal);
        Assert.StartsWith("$pbkdf2-sha512$i=1000$", Create("SHA512").Hash(Password), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AHashOfTheConfiguredAlgorithmAndCost_IsSuccess()
    {
        Assert.Equal(PasswordVerification.Success, _argon2id.Verify(_argon2id.Hash(Password), Password));
        Assert.Equal(PasswordVerification.Success, _pbkdf2.Verify(_pbkdf2.Hash(Password), Password));
    }

    [Fact]
    public void Verify_UnderArgon2id_APbkdf2HashOfTheFormerDefault_MatchesAndIsReHashed()
    {
        var formerDefault = _pbkdf2.Hash(Password);

        Assert.Equal(PasswordVerification.SuccessRehashNeeded, _argon2id.Verify(formerDefault, Password));
        Assert.Equal(PasswordVerification.Failed, _argon2id.Verify(formerDefault, "wrong"));
    }

    [Fact]
    public void Verify_UnderPbkdf2_AnArgon2idHash_MatchesAndIsReHashed()
    {
        var hash = _argon2id.Hash(Password);

        Assert.Equal(PasswordVerification.SuccessRehashNeeded, _pbkdf2.Verify(hash, Password));
        Assert.Equal(PasswordVerification.Failed, _pbkdf2.Verify(hash, "wrong"));
    }

    [Theory]
    [InlineData("$2b$04$")]
    [InlineData("$2a$05$")]
    [InlineData("$2y$05$")]
    [InlineData("$argon2id$v=19$m=8192,t=1,p=2$")]
    public void Verify_FastApiUsersHashes_UnderEitherAlgorithm_MatchAndAreReHashed(string profile)
    {
        var vector = PasswordHashVectors.Starting(profile).First();

        Assert.Equal(PasswordVerification.SuccessRehashNeeded, _argon2id.Verify(vector.Hash, vector.Password));
        Assert.Equal(PasswordVerification.SuccessRehashNeeded, _pbkdf2.Verify(vector.Hash, vector.Password));
        Assert.Equal(PasswordVerification.Failed, _argon2id.Verify(vector.Hash, "wrong"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("md5:5f4dcc3b5aa765d61d8327deb882cf99")]
    [InlineData("$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE")]
    [InlineData("$scrypt$ln=16,r=8,p=1$c2FsdA$aGFzaA")]
    [InlineData("$2x$12$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234")]
    [InlineData("plain-text-password")]
    public void Verify_AHashOfNoKnownFormat_IsUnknownFormat(string hash)
    {
        Assert.Equal(PasswordVerification.UnknownFormat, _argon2id.Verify(hash, Password));
    }

    [Fact]
    public void Verify_ANullHash_IsUnknownFormat()
    {
        Assert.Equal(PasswordVerification.UnknownFormat, _argon2id.Verify(null!, Password));
    }

    [Fact]
    public void VerifyAgainstDummy_ChecksAHashMadeOnce_WithTheConfiguredAlgorithm_ThatNoPasswordMatches()
    {
        var first = _argon2id.DummyHash;

        _argon2id.VerifyAgainstDummy(Password);
        _argon2id.VerifyAgainstDummy("anything else");

        Assert.Same(first, _argon2id.DummyHash);
        Assert.StartsWith("$argon2id$v=19$m=64,t=1,p=1$", first, StringComparison.Ordinal);
        Assert.Equal(PasswordVerification.Failed, _argon2id.Verify(first, Password));
        Assert.StartsWith("$pbkdf2-sha256$i=1000$", _pbkdf2.DummyHash, StringComparison.Ordinal);
    }

    private static PasswordHashFormats Create(string algorithm) =>
        new(Options.Create(new PasswordHashingOptions
        {
            Algorithm = algorithm,
            Iterations = 1000,
            Argon2 = new Argon2Options { MemoryKiB = 64, Iterations = 1 },
        }));
}
