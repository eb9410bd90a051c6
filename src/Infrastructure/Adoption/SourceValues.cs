using System.Globalization;

namespace Users.Infrastructure.Adoption;

/// <summary>
/// FastAPI Users' column types as each driver returns them: PostgreSQL's <c>uuid</c>, <c>boolean</c> and
/// <c>timestamptz</c> arrive typed; SQLite holds GUIDs as 36-character text, booleans as 0/1 and SQLAlchemy's
/// timezone-aware timestamps as text in UTC, with or without an offset.
/// </summary>
internal static class SourceValues
{
    public static Guid Guid(object value, string column) => value switch
    {
        Guid guid => guid,
        string text when System.Guid.TryParse(text, out var parsed) => parsed,
        byte[] { Length: 16 } bytes => new Guid(bytes),
        _ => throw new FormatException($"{column} holds '{value}', which is not a UUID"),
    };

    public static bool Boolean(object value, string column) => value switch
    {
        bool flag => flag,
        long number when number is 0 or 1 => number == 1,
        int number when number is 0 or 1 => number == 1,
        string text when bool.TryParse(text, out var parsed) => parsed,
        string text when text is "0" or "1" => text == "1",
        _ => throw new FormatException($"{column} holds '{value}', which is not a boolean"),
    };

    public static DateTimeOffset Instant(object value, string column) => value switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset time => time,
        string text when DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) => parsed,
        _ => throw new FormatException($"{column} holds '{value}', which is not a time"),
    };

    public static long? Integer(object? value, string column) => value switch
    {
        null => null,
        long number => number,
        int number => number,
        short number => number,
        decimal number => (long)number,
        double number => (long)number,
        string text when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new FormatException($"{column} holds '{value}', which is not a whole number"),
    };

    public static string Text(object value, string column) =>
        value as string ?? throw new FormatException($"{column} holds '{value}', which is not text");
}
