using System.Text.Json.Serialization;

namespace Users.Api.Errors;

/// <summary>One item of a 422 <c>detail</c> list, in FastAPI's shape.</summary>
public sealed record ValidationDetailItem(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("loc")] IReadOnlyList<string> Loc,
    [property: JsonPropertyName("msg")] string Msg);
