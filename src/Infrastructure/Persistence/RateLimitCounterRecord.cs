namespace Users.Infrastructure.Persistence;

/// <summary>One rate-limit key's hits in its current window (<c>rate_limit_counters</c>); purged once the window is over.</summary>
public sealed class RateLimitCounterRecord
{
    public required string Key { get; init; }

    public long Hits { get; set; }

    public DateTimeOffset WindowEndsAt { get; set; }
}
