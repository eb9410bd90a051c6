namespace Users.Infrastructure.Redis;

/// <summary>
/// Redis (section <c>Redis</c>), never required: when <see cref="Configuration"/> is set, the rate-limit counters live
/// there instead of in the database.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string, such as <c>redis.internal:6379,password=...</c>.</summary>
    public string? Configuration { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}
