namespace Users.Infrastructure.Settings;

/// <summary>Algorithm and cost of password hashing (section <c>Auth:PasswordHashing</c>).</summary>
public sealed class PasswordHashingOptions
{
    public const string SectionName = "Auth:PasswordHashing";

    /// <summary>PBKDF2-HMAC-SHA256, the default.</summary>
    public const string Sha256Algorithm = "sha256";

    /// <summary>PBKDF2-HMAC-SHA512, the PRF of ASP.NET Core Identity's password hasher.</summary>
    public const string Sha512Algorithm = "sha512";

    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Upper bound, so a typo cannot make every login take minutes.</summary>
    public const int MaximumIterations = 100_000_000;

    /// <summary>
    /// The PBKDF2 PRF for new hashes, <c>sha256</c> or <c>sha512</c> (ignoring case); stored hashes made with
    /// another one are re-hashed at the next login.
    /// </summary>
    public string Algorithm { get; set; } = Sha256Algorithm;

    /// <summary>
    /// PBKDF2 iterations for new hashes; stored hashes with fewer are re-hashed at the next login.
    /// Low values are accepted so tests run fast; production should keep the default or raise it.
    /// </summary>
    public int Iterations { get; set; } = DefaultIterations;

    public bool IsSha256 => string.Equals(Algorithm, Sha256Algorithm, StringComparison.OrdinalIgnoreCase);

    public bool IsSha512 => string.Equals(Algorithm, Sha512Algorithm, StringComparison.OrdinalIgnoreCase);
}
