using System.Globalization;
using System.Text.Json;

namespace Users.Infrastructure.OAuth;

/// <summary>Reading providers' JSON as they write it: ids as strings or numbers, booleans as booleans or strings.</summary>
internal static class ProviderJson
{
    public static string? String(JsonElement json, string member) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() is { Length: > 0 } text ? text : null
            : null;

    /// <summary>An id: a non-empty string, or an integer (GitHub's user ids) in its invariant text.</summary>
    public static string? Id(JsonElement json, string member)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(member, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
            JsonValueKind.Number when value.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    /// <summary><c>true</c> only for JSON <c>true</c> or the string <c>"true"</c> (some providers write it so).</summary>
    public static bool IsTrue(JsonElement json, string member) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(member, out var value)
        && (value.ValueKind == JsonValueKind.True
            || (value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), "true", StringComparison.OrdinalIgnoreCase)));

    public static long? Integer(JsonElement json, string member) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt64(out var number)
            ? number
            : null;
}
