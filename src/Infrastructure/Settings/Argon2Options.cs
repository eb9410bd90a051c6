namespace Users.Infrastructure.Settings;

/// <summary>
/// Argon2id's cost for new hashes (section <c>Auth:PasswordHashing:Argon2</c>). Parallelism is always 1: libsodium
/// computes one lane, and on a server the parallelism comes from concurrent logins (OWASP's profiles use 1 as well).
/// </summary>
public sealed class Argon2Options
{
    /// <summary>OWASP's Password Storage Cheat Sheet: 19 MiB, 2 passes, 1 lane.</summary>
    public const int DefaultMemoryKiB = 19_456;

    public const int DefaultIterations = 2;

    /// <summary>libsodium's floor (8 KiB); low values only make tests fast.</summary>
    public const int MinimumMemoryKiB = 8;

    /// <summary>
    /// Ceiling, for new hashes and for stored ones alike: a corrupt or hostile row cannot make one check take more
    /// (argon2-cffi's older default, which FastAPI Users deployments still hold, is 100 MiB).
    /// </summary>
    public const int MaximumMemoryKiB = 1_048_576;

    public const int MaximumIterations = 64;

    /// <summary>Memory per hash in KiB.</summary>
    public int MemoryKiB { get; set; } = DefaultMemoryKiB;

    /// <summary>Passes over the memory.</summary>
    public int Iterations { get; set; } = DefaultIterations;
}
