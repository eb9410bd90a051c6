using System.Globalization;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.Security.Passwords;

/// <summary>
/// The parameters of an Argon2id hash in the PHC string format that argon2-cffi, libsodium and the reference
/// implementation all write: <c>$argon2id$v=19$m=&lt;KiB&gt;,t=&lt;passes&gt;,p=&lt;lanes&gt;$&lt;salt&gt;$&lt;hash&gt;</c>
/// (salt and hash in unpadded standard base64). Read before the hash is computed, so that a malformed or
/// hostile row is refused instead of asking for absurd memory or time.
/// </summary>
internal readonly record struct Argon2idParameters(int MemoryKiB, int Iterations, int Parallelism, int SaltBytes, int HashBytes)
{
    public const string Prefix = "$argon2id$";

    // Bounds of what is accepted when reading: the configurable ceilings of memory and passes, and libsodium's
    // longest hash string (crypto_pwhash_STRBYTES, Geralt's Argon2id.HashSize).
    private const int MaximumLength = 128;
    private const int MaximumParallelism = 64;
    private const int MinimumSaltBytes = 8;
    private const int MinimumHashBytes = 16;
    private const int MaximumBytes = 64;

    public static bool TryParse(string? hash, out Argon2idParameters parameters)
    {
        parameters = default;
        if (hash is null || hash.Length > MaximumLength || !hash.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        // "$argon2id$v=19$m=M,t=T,p=P$salt$hash" splits into "", "argon2id", "v=19", "m=M,t=T,p=P", salt, hash.
        var parts = hash.Split('$');
        if (parts.Length != 6 || parts[2] != "v=19")
        {
            return false;
        }

        var costs = parts[3].Split(',');
        if (costs.Length != 3
            || !TryRead(costs[0], "m=", out var memory)
            || !TryRead(costs[1], "t=", out var iterations)
            || !TryRead(costs[2], "p=", out var parallelism)
            || parallelism is < 1 or > MaximumParallelism
            || memory < 8 * parallelism || memory > Argon2Options.MaximumMemoryKiB
            || iterations < 1 || iterations > Argon2Options.MaximumIterations
            || !PhcBase64.TryDecode(parts[4], MinimumSaltBytes, MaximumBytes, out var salt)
            || !PhcBase64.TryDecode(parts[5], MinimumHashBytes, MaximumBytes, out var key))
        {
            return false;
        }

        parameters = new Argon2idParameters(memory, iterations, parallelism, salt.Length, key.Length);
        return true;
    }

    // Digits only, no sign, no leading zero (libsodium's decoder refuses what argon2's encoder never writes).
    private static bool TryRead(string field, string name, out int value)
    {
        value = 0;
        var digits = field.AsSpan();
        return digits.StartsWith(name, StringComparison.Ordinal)
            && digits.Length > name.Length
            && (digits[name.Length] != '0' || digits.Length == name.Length + 1)
            && int.TryParse(digits[name.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
