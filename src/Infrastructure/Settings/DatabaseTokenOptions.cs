namespace Users.Infrastructure.Settings;

/// <summary>Upkeep of the database strategy's token table (section <c>Auth:DatabaseTokens</c>).</summary>
public sealed class DatabaseTokenOptions
{
    public const string SectionName = "Auth:DatabaseTokens";

    public const int DefaultPurgeIntervalSeconds = 3600;

    /// <summary>The longest period a timer takes (about 49 days), rounded down to 30 days.</summary>
    public const int MaximumPurgeIntervalSeconds = 30 * 24 * 3600;

    /// <summary>How often expired token rows are deleted. Expired rows are refused anyway; this only keeps the table small.</summary>
    public int PurgeIntervalSeconds { get; set; } = DefaultPurgeIntervalSeconds;
}
