using System.Text.Json.Serialization;

namespace Users.Api.Errors;

/// <summary>
/// The contract's error body: RFC 9457 members beside FastAPI's <c>detail</c>, which carries the
/// machine-readable outcome (a code string, a <c>{code, reason}</c> object or a list of validation items).
/// </summary>
public sealed record ProblemBody(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] object Detail,
    [property: JsonPropertyName("traceId")] string TraceId,
    [property: JsonPropertyName("errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, string[]>? Errors = null);
