using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Security;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.Security;

/// <summary>
/// PBKDF2 password hashing (NIST SP 800-132, OWASP's choice where Argon2 is unavailable), with hashes in the
/// PHC string format so each carries its own algorithm and cost:
/// <code>$pbkdf2-sha256$i=600000$&lt;salt&gt;$&lt;key&gt;</code>
/// where salt (16 random bytes) and key (32 bytes) are standard base64 without padding (padding is accepted
/// when reading), and the password enters as its UTF-8 bytes. The PRF of new hashes is configurable
/// (<see cref="PasswordHashingOptions.Algorithm"/>): HMAC-SHA256 by default, or HMAC-SHA512 (ASP.NET Core
/// Identity's), written as <c>$pbkdf2-sha512$...</c>. The key is 32 bytes with either PRF, as Identity's V3
/// subkey is, so the format stays the same; it is not widened to SHA-512's 64-byte output.
/// <c>pbkdf2-sha256</c>, <c>pbkdf2-sha512</c> and <c>pbkdf2-sha1</c> hashes are all verified; one is up to date
/// only when it uses the configured PRF, at least the configured iterations, a salt of at least 16 bytes and a
/// 32-byte key, and is otherwise reported as needing a re-hash.
/// </summary>
public sealed class Pbkdf2PasswordHasher : IPasswordHasher
{
    private const int SaltBytes = 16;
    private const int KeyBytes = 32;

    // Bounds of what is accepted when reading, so a corrupt row cannot ask for absurd work or memory.
    private const int MinStoredBytes = 8;
    private const int MaxStoredBytes = 128;

    private readonly HashAlgorithmName _algorithm;
    private readonly string _algorithmId;
    private readonly int _iterations;
    private readonly Lazy<string> _dummyHash;

    public Pbkdf2PasswordHasher(IOptions<PasswordHashingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        (_algorithm, _algorithmId) = settings switch
        {
            { IsSha256: true } => (HashAlgorithmName.SHA256, "pbkdf2-sha256"),
            { IsSha512: true } => (HashAlgorithmName.SHA512, "pbkdf2-sha512"),
            _ => throw new ArgumentException(
                $"Unsupported password hashing algorithm '{settings.Algorithm}'.", nameof(options)),
        };
        _iterations = settings.Iterations;

        // Hashed from random bytes nobody knows, with today's settings, so it costs what a real verification costs.
        _dummyHash = new Lazy<string>(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes))));
    }

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, _iterations, _algorithm, KeyBytes);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"${_algorithmId}$i={_iterations}${ToBase64(salt)}${ToBase64(key)}");
    }

    public PasswordVerification Verify(string hash, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(hash, out var stored))
        {
            return PasswordVerification.UnknownFormat;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(password), stored.Salt, stored.Iterations, stored.Algorithm, stored.Key.Length);
        if (!CryptographicOperations.FixedTimeEquals(actual, stored.Key))
        {
            return PasswordVerification.Failed;
        }

        var upToDate = stored.Algorithm == _algorithm
            && stored.Iterations >= _iterations
            && stored.Salt.Length >= SaltBytes
            && stored.Key.Length == KeyBytes;
        return upToDate ? PasswordVerification.Success : PasswordVerification.SuccessRehashNeeded;
    }

    public void VerifyAgainstDummy(string password) => _ = Verify(_dummyHash.Value, password);

    /// <summary>The hash <see cref="VerifyAgainstDummy"/> checks against (for tests).</summary>
    internal string DummyHash => _dummyHash.Value;

    private static bool TryParse(string? hash, out StoredHash stored)
    {
        stored = default;
        if (string.IsNullOrEmpty(hash) || hash.Length > 512)
        {
            return false;
        }

        // "$alg$i=N$salt$key" splits into "", alg, "i=N", salt, key.
        var parts = hash.Split('$');
        if (parts.Length != 5 || parts[0].Length != 0 || !parts[2].StartsWith("i=", StringComparison.Ordinal))
        {
            return false;
        }

        HashAlgorithmName? algorithm = parts[1] switch
        {
            "pbkdf2-sha256" => HashAlgorithmName.SHA256,
            "pbkdf2-sha512" => HashAlgorithmName.SHA512,
            "pbkdf2-sha1" => HashAlgorithmName.SHA1,
            _ => null,
        };

        if (algorithm is null
            || !int.TryParse(parts[2].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations is < 1 or > PasswordHashingOptions.MaximumIterations
            || !TryFromBase64(parts[3], out var salt)
            || !TryFromBase64(parts[4], out var key))
        {
            return false;
        }

        stored = new StoredHash(algorithm.Value, iterations, salt, key);
        return true;
    }

    private static string ToBase64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryFromBase64(string text, out byte[] bytes)
    {
        bytes = [];
        var unpadded = text.TrimEnd('=');
        if (unpadded.Length == 0
            || unpadded.Length % 4 == 1
            || text.Length - unpadded.Length > 2
            || !unpadded.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
        {
            return false;
        }

        var padded = unpadded.PadRight(unpadded.Length + ((4 - (unpadded.Length % 4)) % 4), '=');
        var buffer = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64String(padded, buffer, out var written) || written is < MinStoredBytes or > MaxStoredBytes)
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }

    private readonly record struct StoredHash(HashAlgorithmName Algorithm, int Iterations, byte[] Salt, byte[] Key);
}
