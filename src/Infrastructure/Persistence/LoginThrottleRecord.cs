namespace Users.Infrastructure.Persistence;

/// <summary>
/// One address's consecutive failed password checks (<c>login_throttles</c>): known or unknown addresses alike, keyed
/// by the normalized address. A row exists only while failures count; a success deletes it.
/// </summary>
public sealed class LoginThrottleRecord
{
    public required string NormalizedEmail { get; init; }

    public int Failures { get; set; }

    /// <summary>No password check for the address before this instant (in the past once the wait is over).</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset LastAttemptAt { get; set; }
}
