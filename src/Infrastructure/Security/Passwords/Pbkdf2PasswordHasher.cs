using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Security;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.Security.Passwords;

/// <summary>
/// PBKDF2 password hashing (NIST SP 800-132; our default before Argon2id, and ASP.NET Core Identity's), with hashes
/// in the PHC string format so each carries its own algorithm and cost:
/// <code>$pbkdf2-sha256$i=600000$&lt;salt&gt;$&lt;key&gt;</code>
/// where salt (16 random bytes) and key (32 bytes) are standard base64 without padding (padding is accepted
/// when reading), and the password enters as its UTF-8 bytes. The PRF of new hashes is configurable
/// (<see cref="PasswordHashingOptions.Algorithm"/> <c>sha256</c> or <c>sha512</c>, ASP.NET Core Identity's PRF),
/// written as <c>$pbkdf2-sha256$...</c> or <c>$pbkdf2-sha512$...</c>; when Argon2id is configured, PBKDF2 hashes
/// are only verified (and then re-hashed with Argon2id), and their PRF is compared with SHA-256. The key is 32 bytes with either PRF, as Identity's V3
/// subkey is, so the format stays the same; it is not widened to SHA-512's 64-byte output.
/// <c>pbkdf2-sha256</c>, <c>pbkdf2-sha512</c> and <c>pbkdf2-sha1</c> hashes are all verified; one is up to date
/// only when it uses the configured PRF, at least the configured iterations, a salt of at least 16 bytes and a
/// 32-byte key, and is otherwise reported as needing a re-hash.
/// </summary>
public sealed class Pbkdf2PasswordHasher : IPasswordHashAlgorithm
{
    private const int SaltBytes = 16;
    private const int KeyBytes = 32;

    // Bounds of what is accepted when reading, so a corrupt row cannot ask for absurd work or memory.
    private const int MinStoredBytes = 8;
    private const int MaxStoredBytes = 128;

    private readonly HashAlgorithmName _algorithm;
    private readonly string _algorithmId;
    private readonly int _iterations;

    public Pbkdf2PasswordHasher(IOptions<PasswordHashingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        (_algorithm, _algorithmId) = settings.IsSha512
            ? (HashAlgorithmName.SHA512, "pbkdf2-sha512")
            : (HashAlgorithmName.SHA256, "pbkdf2-sha256");
        _iterations = settings.Iterations;
    }

    public bool Recognizes(string hash) => hash?.StartsWith("$pbkdf2-", StringComparison.Ordinal) == true;

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, _iterations, _algorithm, KeyBytes);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"${_algorithmId}$i={_iterations}${PhcBase64.Encode(salt)}${PhcBase64.Encode(key)}");
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
            || !PhcBase64.TryDecode(parts[3], MinStoredBytes, MaxStoredBytes, out var salt)
            || !PhcBase64.TryDecode(parts[4], MinStoredBytes, MaxStoredBytes, out var key))
        {
            return false;
        }

        stored = new StoredHash(algorithm.Value, iterations, salt, key);
        return true;
    }

    private readonly record struct StoredHash(HashAlgorithmName Algorithm, int Iterations, byte[] Salt, byte[] Key);
}
