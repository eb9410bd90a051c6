namespace Users.Infrastructure.Settings;

/// <summary>The audit trail's upkeep (section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    public const int DefaultRetentionDays = 365;

    /// <summary>Entries older than this many days are purged in the background.</summary>
    public int RetentionDays { get; set; } = DefaultRetentionDays;
}
