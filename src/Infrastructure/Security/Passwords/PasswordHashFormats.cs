using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Security;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.Security.Passwords;

/// <summary>
/// Every stored-hash format we verify (Argon2id, PBKDF2, bcrypt) and the configured algorithm new hashes are made
/// with. A hash of any other format than the configured one is reported as needing a re-hash when it matches, so
/// adopted bcrypt and PBKDF2 hashes become the configured algorithm at their owner's next login.
/// </summary>
public sealed class PasswordHashFormats
{
    private readonly IPasswordHashAlgorithm _current;
    private readonly IPasswordHashFormat[] _formats;
    private readonly Lazy<string> _dummyHash;

    public PasswordHashFormats(IOptions<PasswordHashingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var argon2id = new Argon2idPasswordHasher(options);
        var pbkdf2 = new Pbkdf2PasswordHasher(options);
        _current = options.Value.IsArgon2id ? argon2id : pbkdf2;
        _formats = [argon2id, pbkdf2, new BcryptPasswordHash()];

        // Hashed from random bytes nobody knows, with today's settings, so it costs what a real verification costs.
        _dummyHash = new Lazy<string>(() => _current.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
    }

    /// <summary>The hash <see cref="VerifyAgainstDummy"/> checks against (for tests).</summary>
    internal string DummyHash => _dummyHash.Value;

    public string Hash(string password) => _current.Hash(password);

    public PasswordVerification Verify(string hash, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var format = hash is null ? null : Array.Find(_formats, f => f.Recognizes(hash));
        if (format is null)
        {
            return PasswordVerification.UnknownFormat;
        }

        var result = format.Verify(hash!, password);
        return result == PasswordVerification.Success && !ReferenceEquals(format, _current)
            ? PasswordVerification.SuccessRehashNeeded
            : result;
    }

    public void VerifyAgainstDummy(string password) => _ = _current.Verify(_dummyHash.Value, password);
}
