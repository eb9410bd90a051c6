using System.Text;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Security;
using Users.Infrastructure.Security.Passwords;
using Users.Infrastructure.Settings;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Security.Passwords;

public sealed class Argon2idPasswordHasherTests
{
    private const string Password = "correct horse battery staple";

    private readonly Argon2idPasswordHasher _hasher = Create(64, 1);

    public static TheoryData<string, string, string> Argon2Vectors => VectorTheories.Starting("$argon2id$");

    [Fact]
    public void Rfc9106Vector_IsWhatTheIndependentImplementationComputes()
    {
        // RFC 9106, section 5.3: Argon2id, 32 KiB, 3 passes, 4 lanes, with a secret and associated data (which no
        // password-hash string can carry, so libsodium's API has no place for them: this checks the checker).
        var tag = IndependentArgon2.Argon2id(
            Enumerable.Repeat((byte)0x01, 32).ToArray(), Enumerable.Repeat((byte)0x02, 16).ToArray(), 32, 3, 4, 32,
            Enumerable.Repeat((byte)0x03, 8).ToArray(), Enumerable.Repeat((byte)0x04, 12).ToArray());

        Assert.Equal("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", Convert.ToHexStringLower(tag));
    }

    [Fact]
    public void Hash_WritesThePhcString_AtTheConfiguredCost_WithOneLane_A16ByteSalt_AndA32ByteTag()
    {
        var parts = Create(128, 3).Hash(Password).Split('$');

        Assert.Equal(["", "argon2id", "v=19", "m=128,t=3,p=1"], parts[..4]);
        Assert.Equal(6, parts.Length);
        Assert.Equal(16, Convert.FromBase64String(parts[4] + "==").Length);
        Assert.Equal(32, Convert.FromBase64String(parts[5] + "=").Length);
    }

    [Theory]
    [InlineData(Password)]
    [InlineData("pässwörd-ñ-日本語")]
    public void Hash_HasTheTagAnIndependentArgon2idComputes_FromTheUtf8Password(string password)
    {
        var parts = Create(256, 2).Hash(password).Split('$');
        var salt = Convert.FromBase64String(parts[4] + "==");

        var expected = IndependentArgon2.Argon2id(Encoding.UTF8.GetBytes(password), salt, 256, 2, 1, 32);

        Assert.Equal(Convert.ToBase64String(expected).TrimEnd('='), parts[5]);
    }

    [Fact]
    public void Hash_UsesAFreshSaltEachTime()
    {
        Assert.NotEqual(_hasher.Hash(Password), _hasher.Hash(Password));
    }

    [Fact]
    public void Verify_OwnHash_AtTheConfiguredCost_IsSuccess_AndAnotherPasswordFails()
    {
        var hash = _hasher.Hash(Password);

        Assert.Equal(PasswordVerification.Success, _hasher.Verify(hash, Password));
        Assert.Equal(PasswordVerification.Failed, _hasher.Verify(hash, Password + " "));
        Assert.Equal(PasswordVerification.Failed, _hasher.Verify(hash, ""));
    }

    [Theory]
    [MemberData(nameof(Argon2Vectors))]
    public void Verify_HashesOfIndependentTools_AtAnyParameters_MatchTheirPassword_AndNeedARehash(string tool, string password, string hash)
    {
        Assert.True(_hasher.Recognizes(hash), tool);
        Assert.Equal(PasswordVerification.SuccessRehashNeeded, _hasher.Verify(hash, password));
        Assert.Equal(PasswordVerification.Failed, _hasher.Verify(hash, "#" + password));
    }

    [Fact]
    public void Verify_AnArgon2CffiHash_AtExactlyTheConfiguredCost_IsUpToDate()
    {
        var vector = PasswordHashVectors.Starting("$argon2id$v=19$m=19456,t=2,p=1$").First();

        Assert.Equal(PasswordVerification.Success, Create(19_456, 2).Verify(vector.Hash, vector.Password));
        Assert.Equal(PasswordVerification.SuccessRehashNeeded, Create(19_456, 3).Verify(vector.Hash, vector.Password));
        Assert.Equal(PasswordVerification.SuccessRehashNeeded, Create(65_536, 2).Verify(vector.Hash, vector.Password));
    }

    [Fact]
    public void Verify_FastApiUsersHash_WithFourLanes_IsVerified_AndNeedsARehashToOneLane()
    {
        var vector = PasswordHashVectors.Starting("$argon2id$v=19$m=65536,t=3,p=4$").First();

        Assert.Equal(PasswordVerification.SuccessRehashNeeded, Create(65_536, 3).Verify(vector.Hash, vector.Password));
    }

    [Theory]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$")] // no tag
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE")] // no salt
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c2FsdA$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE")] // 4-byte salt
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$dGFn")] // 3-byte tag
    [InlineData("$argon2id$v=16$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE")] // version 1.0
    [InlineData("$argon2id$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE")] // no version
    [InlineData("$argon2id$v=19$t=1,m=64,p=1$c29tZXNhbHRzb21lc2FsdA$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE")] // order
    [InlineData("$argon2id$v=19$m=064,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE")] // leading zero
    [InlineData("$argon2id$v=19$m=+64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE")]
    [InlineData("$argon2id$v=19$m=64,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE")] // no pass
    [InlineData("$argon2id$v=19$m=64,t=1,p=0$c29tZXNhbHRzb21lc2FsdA$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE")] // no lane
    [InlineData("$argon2id$v=19$m=64,t=1,p=9$c29tZXNhbHRzb21lc2FsdA$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE")] // < 8 KiB a lane
    [InlineData("$argon2id$v=19$m=4194304,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE")] // 4 GiB
    [InlineData("$argon2id$v=19$m=64,t=65,p=1$c29tZXNhbHRzb21lc2FsdA$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE")] // 65 passes
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$dGFn*GFndGFndGFndGFndGFndGFndGFndGFndGE")] // not base64
    [InlineData("$argon2id$v=19$m=64,t=1,p=1,k=2$c29tZXNhbHRzb21lc2FsdA$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE$x")]
    public void Verify_AMalformedOrOutOfBoundsHash_IsUnknownFormat_WithoutComputingIt(string hash)
    {
        Assert.Equal(PasswordVerification.UnknownFormat, _hasher.Verify(hash, Password));
    }

    [Fact]
    public void Verify_AVeryLongHash_IsUnknownFormat()
    {
        Assert.Equal(PasswordVerification.UnknownFormat, _hasher.Verify("$argon2id$v=19$m=64,t=1,p=1$" + new string('A', 100_000), Password));
    }

    [Theory]
    [InlineData("$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE")]
    [InlineData("$argon2d$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$dGFndGFndGFndGFndGFndGFndGFndGFndGFndGE")]
    [InlineData("$pbkdf2-sha256$i=1000$c2FsdA$a2V5")]
    [InlineData("$2b$12$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234")]
    public void Recognizes_OnlyArgon2id(string hash)
    {
        Assert.False(_hasher.Recognizes(hash));
    }

    private static Argon2idPasswordHasher Create(int memoryKiB, int iterations) =>
        new(Options.Create(new PasswordHashingOptions { Argon2 = new Argon2Options { MemoryKiB = memoryKiB, Iterations = iterations } }));
}
