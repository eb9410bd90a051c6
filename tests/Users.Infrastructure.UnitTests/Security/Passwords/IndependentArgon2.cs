using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace Users.Infrastructure.UnitTests.Security.Passwords;

/// <summary>
/// Argon2id by BouncyCastle, a managed implementation independent of the libsodium we hash with: it checks the tags
/// our hasher writes. It is itself checked against RFC 9106's test vector.
/// </summary>
internal static class IndependentArgon2
{
    public static byte[] Argon2id(
        byte[] password, byte[] salt, int memoryKiB, int passes, int lanes, int tagBytes, byte[]? secret = null, byte[]? associatedData = null)
    {
        var builder = new Argon2Parameters.Builder(Argon2Parameters.Argon2id)
            .WithVersion(Argon2Parameters.Version13)
            .WithMemoryAsKB(memoryKiB)
            .WithIterations(passes)
            .WithParallelism(lanes)
            .WithSalt(salt);
        if (secret is not null)
        {
            builder.WithSecret(secret);
        }

        if (associatedData is not null)
        {
            builder.WithAdditional(associatedData);
        }

        var generator = new Argon2BytesGenerator();
        generator.Init(builder.Build());
        var tag = new byte[tagBytes];
        generator.GenerateBytes(password, tag);
        return tag;
    }
}
