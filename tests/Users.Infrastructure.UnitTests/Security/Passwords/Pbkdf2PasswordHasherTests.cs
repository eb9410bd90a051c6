using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Security;
using Users.Infrastructure.Security.Passwords;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.UnitTests.Security.Passwords;

public sealed class Pbkdf2PasswordHasherTests
{
    private const string Password = "correct horse battery staple";
    private readonly Pbkdf2PasswordHasher _hasher = Create(1000);

    [Fact]
    public void Hash_WritesThePhcFormatWithConfiguredIterations_16ByteSalt_And32ByteKey()
    {
        var hash = _hasher.Hash(Password);

        var parts = hash.Split('$');
        Assert.Equal(["", "pbkdf2-sha256", "i=1000"], parts[..3]);
        Assert.Equal(16, Convert.FromBase64String(parts[3] + "==").Length);
        Assert.Equal(32, Convert.FromBase64String(parts[4] + "=").Length);
        Assert.DoesNotContain('=', parts[3] + parts[4]);
    }

    [Fact]
    public void Hash_MatchesPbkdf2HmacSha256OfTheUtf8Password()
    {
        var hash = _hasher.Hash("pässwörd");

        var parts = hash.Split('$');
        var salt = Convert.FromBase64String(parts[3] + "==");
        var expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("pässwörd"), salt, 1000, HashAlgorithmName.SHA256, 32);
        Assert.Equal(Convert.ToBase64String(expected).TrimEnd('='), parts[4]);
    }

    [Fact]
    public void Hash_UsesAFreshSaltEachTime()
    {
        Assert.NotEqual(_hasher.Hash(Password), _hasher.Hash(Password));
    }

    [Fact]
    public void Verify_RoundTrips()
    {
        Assert.Equal(PasswordVerification.Success, _hasher.Verify(_hasher.Hash(Password), Password));
        Assert.Equal(PasswordVerification.Success, _hasher.Verify(_hasher.Hash(string.Empty), string.Empty));
    }

    [Theory]
    [InlineData("correct horse battery stapl")]
    [InlineData("Correct horse battery staple")]
    [InlineData("correct horse battery staple ")]
    [InlineData("")]
    public void Verify_WrongPassword_Fails(string attempt)
    {
        Assert.Equal(PasswordVerification.Failed, _hasher.Verify(_hasher.Hash(Password), attempt));
    }

    [Fact]
    public void Verify_AcceptsPaddedBase64Too()
    {
        var parts = _hasher.Hash(Password).Split('$');
        var padded = $"$pbkdf2-sha256${parts[2]}${parts[3]}==${parts[4]}=";

        Assert.Equal(PasswordVerification.Success, _hasher.Verify(padded, Password));
    }

    [Fact]
    public void Verify_FewerIterationsThanConfigured_NeedsRehash_MoreDoNot()
    {
        var hash = _hasher.Hash(Password);

        Assert.Equal(PasswordVerification.SuccessRehashNeeded, Create(2000).Verify(hash, Password));
        Assert.Equal(PasswordVerification.Success, Create(500).Verify(hash, Password));
        Assert.Equal(PasswordVerification.Failed, Create(2000).Verify(hash, "wrong"));
    }

    [Theory]
    [InlineData("pbkdf2-sha512", "SHA512", 64)]
    [InlineData("pbkdf2-sha1", "SHA1", 20)]
    public void Verify_OtherRecognizedAlgorithms_VerifyAndNeedRehash(string name, string algorithm, int keyBytes)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Password), salt, 1000, new HashAlgorithmName(algorithm), keyBytes);
        var hash = $"${name}$i=1000${Convert.ToBase64String(salt).TrimEnd('=')}${Convert.ToBase64String(key).TrimEnd('=')}";

        Assert.Equal(PasswordVerification.SuccessRehashNeeded, _hasher.Verify(hash, Password));
        Assert.Equal(PasswordVerification.Failed, _hasher.Verify(hash, "wrong"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("garbage")]
    [InlineData("$")]
    [InlineData("$$$$")]
    [InlineData("$pbkdf2-sha256$")]
    [InlineData("$pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0c2FsdA")]
    [InlineData("$pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA$extra")]
    [InlineData("pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=abc$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=0$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=-5$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=+5$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=99999999999$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=2000000000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=1000$not base64!$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=1000$c2Fsd HNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=1000$$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=1000$c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0c2FsdA$a")]
    [InlineData("$pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA===")]
    [InlineData("$PBKDF2-SHA256$i=1000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-md5$i=1000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW")]
    [InlineData("AQAAAAIAAYagAAAAEGx0ZXN0c2FsdHRlc3RzYWx0dGVzdHNhbHQ=")]
    public void Verify_UnparseableHash_IsUnknownFormat_NeverAnException(string? hash)
    {
        Assert.Equal(PasswordVerification.UnknownFormat, _hasher.Verify(hash!, Password));
    }

    [Fact]
    public void Verify_AVeryLongHash_IsUnknownFormat()
    {
        Assert.Equal(PasswordVerification.UnknownFormat, _hasher.Verify("$pbkdf2-sha256$i=1000$" + new string('A', 100_000), Password));
    }

    [Fact]
    public void Hash_WithSha512Configured_WritesPbkdf2Sha512_With16ByteSalt_And32ByteKey()
    {
        var hash = Create(1000, "sha512").Hash(Password);

        var parts = hash.Split('$');
        Assert.Equal(["", "pbkdf2-sha512", "i=1000"], parts[..3]);
        Assert.Equal(16, Convert.FromBase64String(parts[3] + "==").Length);
        Assert.Equal(32, Convert.FromBase64String(parts[4] + "=").Length);
        Assert.DoesNotContain('=', parts[3] + parts[4]);
    }

    [Fact]
    public void Hash_WithSha512Configured_MatchesPbkdf2HmacSha512OfTheUtf8Password()
    {
        var hash = Create(1000, "SHA512").Hash("pässwörd");

        var parts = hash.Split('$');
        var salt = Convert.FromBase64String(parts[3] + "==");
        var expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("pässwörd"), salt, 1000, HashAlgorithmName.SHA512, 32);
        Assert.Equal(Convert.ToBase64String(expected).TrimEnd('='), parts[4]);
    }

    [Fact]
    public void Verify_WithSha512Configured_RoundTrips()
    {
        var hasher = Create(1000, "sha512");

        Assert.Equal(PasswordVerification.Success, hasher.Verify(hasher.Hash(Password), Password));
        Assert.Equal(PasswordVerification.Failed, hasher.Verify(hasher.Hash(Password), "wrong"));
    }

    [Fact]
    public void Verify_Sha512HashUnderSha512_WithEnoughIterations_IsSuccess_WithFewer_NeedsRehash()
    {
        var hash = Create(1000, "sha512").Hash(Password);

        Assert.Equal(PasswordVerification.Success, Create(1000, "sha512").Verify(hash, Password));
        Assert.Equal(PasswordVerification.Success, Create(500, "Sha512").Verify(hash, Password));
        Assert.Equal(PasswordVerification.SuccessRehashNeeded, Create(2000, "sha512").Verify(hash, Password));
    }

    [Fact]
    public void Verify_Sha256HashUnderSha512Config_VerifiesAndNeedsRehash()
    {
        var hash = Create(1000, "sha256").Hash(Password);
        var sha512 = Create(1000, "sha512");

        Assert.Equal(PasswordVerification.SuccessRehashNeeded, sha512.Verify(hash, Password));
        Assert.Equal(PasswordVerification.Failed, sha512.Verify(hash, "wrong"));
    }

    [Fact]
    public void Verify_Sha512HashUnderSha256Config_VerifiesAndNeedsRehash()
    {
        var hash = Create(1000, "sha512").Hash(Password);
        var sha256 = Create(1000, "sha256");

        Assert.Equal(PasswordVerification.SuccessRehashNeeded, sha256.Verify(hash, Password));
        Assert.Equal(PasswordVerification.Failed, sha256.Verify(hash, "wrong"));
    }

    [Fact]
    public void Verify_Sha512HashWithA64ByteKey_UnderSha512Config_NeedsRehash()
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Password), salt, 1000, HashAlgorithmName.SHA512, 64);
        var hash = $"$pbkdf2-sha512$i=1000${Convert.ToBase64String(salt).TrimEnd('=')}${Convert.ToBase64String(key).TrimEnd('=')}";

        Assert.Equal(PasswordVerification.SuccessRehashNeeded, Create(1000, "sha512").Verify(hash, Password));
    }

    private static Pbkdf2PasswordHasher Create(int iterations, string algorithm = PasswordHashingOptions.Sha256Algorithm) =>
        new(Options.Create(new PasswordHashingOptions { Iterations = iterations, Algorithm = algorithm }));
}
