using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Isopoh.Cryptography.Argon2;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace Users.Bench.Micro;

/// <summary>
/// The Argon2 libraries that restore here, each behind one signature: the tag of (password, salt, memory KiB, passes,
/// lanes[, secret, associated data]). libsodium (through Geralt) takes no secret or associated data and computes one
/// lane when hashing, so it checks a whole PHC string instead, which lets it verify hashes of any lane count.
/// </summary>
public static class Argon2Candidates
{
    public const string Libsodium = "libsodium 1.0.22 via Geralt 4.5.0 (native)";
    public const string Konscious = "Konscious 1.3.1 (managed)";
    public const string Isopoh = "Isopoh 2.0.0 (managed)";
    public const string BouncyCastle = "BouncyCastle 2.7.0 (managed)";

    public static readonly string[] All = [Libsodium, Konscious, Isopoh, BouncyCastle];

    /// <summary>Checks <paramref name="password"/> against a PHC Argon2id string with the named library.</summary>
    public static bool Verify(string library, string phc, string password)
    {
        if (library == Libsodium)
        {
            return Geralt.Argon2id.VerifyHash(phc, Encoding.UTF8.GetBytes(password));
        }

        var phcParts = phc.Split('$');
        var costs = phcParts[3].Split(',').Select(c => int.Parse(c.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var salt = FromPhcBase64(phcParts[4]);
        var expected = FromPhcBase64(phcParts[5]);
        var tag = Tag(library, Encoding.UTF8.GetBytes(password), salt, costs[0], costs[1], costs[2], expected.Length, null, null);
        return CryptographicOperations.FixedTimeEquals(tag, expected);
    }

    /// <summary>The raw tag, for the libraries that take every Argon2 input (RFC 9106's vector needs them all).</summary>
    public static byte[] Tag(
        string library, byte[] password, byte[] salt, int memoryKiB, int passes, int lanes, int tagBytes, byte[]? secret, byte[]? associatedData)
    {
        switch (library)
        {
            case Konscious:
                {
                    using var argon2 = new Konscious.Security.Cryptography.Argon2id(password)
                    {
                        Salt = salt,
                        MemorySize = memoryKiB,
                        Iterations = passes,
                        DegreeOfParallelism = lanes,
                        KnownSecret = secret,
                        AssociatedData = associatedData,
                    };
                    return argon2.GetBytes(tagBytes);
                }

            case Isopoh:
                {
                    var config = new Argon2Config
                    {
                        Type = Argon2Type.HybridAddressing,
                        Version = Argon2Version.Nineteen,
                        MemoryCost = memoryKiB,
                        TimeCost = passes,
                        Lanes = lanes,
                        Threads = Math.Min(lanes, Environment.ProcessorCount),
                        Password = password,
                        Salt = salt,
                        Secret = secret,
                        AssociatedData = associatedData,
                        HashLength = tagBytes,
                    };
                    using var argon2 = new Argon2(config);
                    using var hash = argon2.Hash();
                    return hash.Buffer.ToArray();
                }

            case BouncyCastle:
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

            default:
                throw new NotSupportedException($"{library} takes no raw inputs (no secret, no associated data, one lane).");
        }
    }

    /// <summary>
    /// Prints, per library, whether it computes RFC 9106's Argon2id vector and how many of the independent tools'
    /// Argon2id hashes (tests/vectors/password-hashes.json) it verifies, and refuses with a wrong password.
    /// </summary>
    public static int PrintCorrectness()
    {
        var vectors = Vectors().Where(v => v.Hash.StartsWith("$argon2id$", StringComparison.Ordinal)).ToList();
        Console.WriteLine($"| library | RFC 9106 §5.3 Argon2id vector | independent tools' hashes verified ({vectors.Count}) | wrong passwords refused |");
        Console.WriteLine("|---|---|---|---|");
        var failures = 0;
        foreach (var library in All)
        {
            var rfc = library == Libsodium ? "not expressible (no secret or associated data in its API)" : Rfc9106(library) ? "matches" : "MISMATCH";
            var verified = vectors.Count(v => Verify(library, v.Hash, v.Password));
            var refused = vectors.Count(v => !Verify(library, v.Hash, v.Password + "!"));
            failures += (rfc == "MISMATCH" ? 1 : 0) + (vectors.Count - verified) + (vectors.Count - refused);
            Console.WriteLine($"| {library} | {rfc} | {verified} | {refused} |");
        }

        return failures == 0 ? 0 : 1;
    }

    private static bool Rfc9106(string library)
    {
        var tag = Tag(
            library, Filled(32, 0x01), Filled(16, 0x02), 32, 3, 4, 32, Filled(8, 0x03), Filled(12, 0x04));
        return Convert.ToHexStringLower(tag) == "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659";
    }

    private static byte[] Filled(int length, byte value) => Enumerable.Repeat(value, length).ToArray();

    private static byte[] FromPhcBase64(string text) => Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));

    /// <summary>The vectors file, found from the working directory or this assembly's directory upwards.</summary>
    public static IReadOnlyList<(string Tool, string Password, string Hash)> Vectors()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var path = Path.Combine(dir.FullName, "tests", "vectors", "password-hashes.json");
                if (File.Exists(path))
                {
                    using var document = JsonDocument.Parse(File.ReadAllText(path));
                    return document.RootElement.GetProperty("vectors").EnumerateArray()
                        .Select(v => (v.GetProperty("tool").GetString()!, v.GetProperty("password").GetString()!, v.GetProperty("hash").GetString()!))
                        .ToList();
                }
            }
        }

        throw new FileNotFoundException("tests/vectors/password-hashes.json not found above the working directory.");
    }
}
