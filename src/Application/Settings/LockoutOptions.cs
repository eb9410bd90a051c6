namespace Users.Application.Settings;

/// <summary>
/// Login lockout (<c>Auth:Lockout</c>): after <see cref="MaxFailures"/> consecutive failed password checks for one
/// address, no check is made until a wait has passed; the wait starts at <see cref="BaseSeconds"/> and doubles with each
/// further failure, up to <see cref="MaxSeconds"/> (Keycloak's growing waits; NIST SP 800-63B-4 allows at most 100
/// consecutive failures).
/// </summary>
public sealed class LockoutOptions
{
    public int MaxFailures { get; set; } = 10;

    public int BaseSeconds { get; set; } = 30;

    public int MaxSeconds { get; set; } = 900;

    /// <summary>
    /// Failures older than this are forgotten: an address that failed a few times long ago starts again from one.
    /// </summary>
    public int ForgetAfterSeconds { get; set; } = 24 * 3600;

    /// <summary>
    /// How long the address is locked after its <paramref name="failures"/>-th consecutive failure, or <c>null</c> when
    /// it is not locked yet.
    /// </summary>
    public TimeSpan? WaitAfter(int failures)
    {
        if (failures < MaxFailures)
        {
            return null;
        }

        // Doubling from the base: 30, 60, 120, ... seconds, computed without overflow for any count.
        var doublings = Math.Min(failures - MaxFailures, 30);
        var seconds = Math.Min((long)BaseSeconds << doublings, MaxSeconds);
        return TimeSpan.FromSeconds(seconds);
    }
}
