using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Users.Infrastructure.Persistence.Configurations;

/// <summary>
/// Instants stored as UTC Unix milliseconds (<c>bigint</c> / <c>INTEGER</c>) on both providers: SQLite cannot compare
/// <c>DateTimeOffset</c> text in SQL, and these tables compare instants in SQL, so one mapping that orders correctly
/// everywhere keeps the model provider-neutral.
/// </summary>
internal static class UnixMilliseconds
{
    public static readonly ValueConverter<DateTimeOffset, long> Converter = new(
        value => value.ToUnixTimeMilliseconds(),
        stored => DateTimeOffset.FromUnixTimeMilliseconds(stored));

    public static long Of(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public static DateTimeOffset ToInstant(long stored) => DateTimeOffset.FromUnixTimeMilliseconds(stored);
}
