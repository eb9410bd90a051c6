using System.Security.Cryptography;
using System.Text;
using Geralt;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Security;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.Security.Passwords;

/// <summary>
/// Argon2id (RFC 9106), the default for new hashes, computed by libsodium through Geralt (chosen by measurement:
/// see <c>bench/Micro</c>). New hashes have one lane, a 16-byte random salt and a 32-byte tag, at the configured
/// memory and passes (OWASP's 19 MiB and 2 by default). Stored hashes at any parameters within the bounds are
/// verified, FastAPI Users' <c>m=65536,t=3,p=4</c> included (libsodium computes their lanes one after another);
/// a hash is up to date only at exactly the configured parameters and is otherwise re-hashed at the next login,
/// as argon2-cffi and pwdlib decide.
/// </summary>
public sealed class Argon2idPasswordHasher : IPasswordHashAlgorithm
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly int _memoryKiB;
    private readonly int _iterations;

    public Argon2idPasswordHasher(IOptions<PasswordHashingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _memoryKiB = options.Value.Argon2.MemoryKiB;
        _iterations = options.Value.Argon2.Iterations;
    }

    public bool Recognizes(string hash) => hash?.StartsWith(Argon2idParameters.Prefix, StringComparison.Ordinal) == true;

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var encoded = new char[Argon2id.HashSize];
        var secret = Encoding.UTF8.GetBytes(password);
        try
        {
            Argon2id.ComputeHash(encoded, secret, _iterations, _memoryKiB * 1024);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        // libsodium writes a NUL-terminated string into the buffer.
        var length = Array.IndexOf(encoded, '\0');
        return new string(encoded, 0, length < 0 ? encoded.Length : length);
    }

    public PasswordVerification Verify(string hash, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!Argon2idParameters.TryParse(hash, out var stored))
        {
            return PasswordVerification.UnknownFormat;
        }

        var secret = Encoding.UTF8.GetBytes(password);
        bool matches;
        try
        {
            // libsodium compares the tags in constant time.
            matches = Argon2id.VerifyHash(hash, secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        if (!matches)
        {
            return PasswordVerification.Failed;
        }

        var upToDate = stored is { Parallelism: 1, SaltBytes: >= SaltBytes, HashBytes: HashBytes }
            && stored.MemoryKiB == _memoryKiB
            && stored.Iterations == _iterations;
        return upToDate ? PasswordVerification.Success : PasswordVerification.SuccessRehashNeeded;
    }
}
