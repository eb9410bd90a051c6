namespace Users.Infrastructure.Settings;

/// <summary>Cost of password hashing (section <c>Auth:PasswordHashing</c>).</summary>
public sealed class PasswordHashingOptions
{
    public const string SectionName = "Auth:PasswordHashing";

    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Upper bound, so a typo cannot make every login take minutes.</summary>
    public const int MaximumIterations = 100_000_000;

    /// <summary>
    /// PBKDF2 iterations for new hashes; stored hashes with fewer are re-hashed at the next login.
    /// Low values are accepted so tests run fast; production should keep the default or raise it.
    /// </summary>
    public int Iterations { get; set; } = DefaultIterations;
}
