using Microsoft.Extensions.Logging;

namespace Users.Infrastructure.Persistence;

internal static partial class MigrationLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "The {Provider} database is up to date; no migration to apply")]
    public static partial void UpToDate(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) to the {Provider} database: {Migrations}")]
    public static partial void Applying(ILogger logger, int count, string provider, IReadOnlyList<string> migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s)")]
    public static partial void Applied(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite journal mode: {JournalMode}")]
    public static partial void JournalMode(ILogger logger, string? journalMode);
}
