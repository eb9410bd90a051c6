namespace Users.Infrastructure.Settings;

/// <summary>Algorithm, cost and concurrency of password hashing (section <c>Auth:PasswordHashing</c>).</summary>
public sealed class PasswordHashingOptions
{
    public const string SectionName = "Auth:PasswordHashing";

    /// <summary>Argon2id (RFC 9106) through libsodium, the default.</summary>
    public const string Argon2idAlgorithm = "argon2id";

    /// <summary>PBKDF2-HMAC-SHA256.</summary>
    public const string Sha256Algorithm = "sha256";

    /// <summary>PBKDF2-HMAC-SHA512, the PRF of ASP.NET Core Identity's password hasher.</summary>
    public const string Sha512Algorithm = "sha512";

    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Upper bound, so a typo cannot make every login take minutes.</summary>
    public const int MaximumIterations = 100_000_000;

    /// <summary>
    /// The algorithm of new hashes, <c>argon2id</c>, <c>sha256</c> or <c>sha512</c> (the last two are PBKDF2's PRFs;
    /// ignoring case). Stored hashes of another algorithm (bcrypt and PBKDF2 included) are still verified, and
    /// re-hashed with this one at the next successful login.
    /// </summary>
    public string Algorithm { get; set; } = Argon2idAlgorithm;

    /// <summary>
    /// PBKDF2 iterations for new hashes; stored PBKDF2 hashes with fewer are re-hashed at the next login.
    /// Low values are accepted so tests run fast; production should keep the default or raise it.
    /// </summary>
    public int Iterations { get; set; } = DefaultIterations;

    /// <summary>Argon2id's parameters (<c>Auth:PasswordHashing:Argon2</c>).</summary>
    public Argon2Options Argon2 { get; set; } = new();

    /// <summary>
    /// Hashes computed at once; the rest wait in the queue. Bounds the memory hashing can take to this many times
    /// <see cref="Argon2Options.MemoryKiB"/>. Default: the number of processors (more only shares the same cores).
    /// </summary>
    public int MaxConcurrent { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Requests waiting for a hashing slot beyond which a request is refused at once with 503 and
    /// <c>Retry-After</c>; 0 refuses whenever every slot is busy.
    /// </summary>
    public int QueueLimit { get; set; } = DefaultQueueLimit;

    /// <summary>About a second of waiting at the default cost on two cores, and each waiter holds only a task.</summary>
    public const int DefaultQueueLimit = 128;

    /// <summary>Upper bound of <see cref="QueueLimit"/>.</summary>
    public const int MaximumQueueLimit = 100_000;

    public bool IsArgon2id => string.Equals(Algorithm, Argon2idAlgorithm, StringComparison.OrdinalIgnoreCase);

    public bool IsSha256 => string.Equals(Algorithm, Sha256Algorithm, StringComparison.OrdinalIgnoreCase);

    public bool IsSha512 => string.Equals(Algorithm, Sha512Algorithm, StringComparison.OrdinalIgnoreCase);
}
