using System.Text.Json.Serialization.Metadata;

namespace Users.Api.Binding;

/// <summary>
/// JSON success bodies. A type that <see cref="ResponseJsonContext"/> generates is written by its generated code
/// with the context's own options (the same snake_case names), which is what lets System.Text.Json take its fast
/// path: through the HTTP options, whose resolver is a chain and which carry a converter, it would build the body
/// with a fresh writer through the generic converters on every response. Any other type goes through those options.
/// </summary>
internal static class ResponseJson
{
    public static IResult Of<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        Generated<T>.TypeInfo is { } generated
            ? Results.Json(value, generated, statusCode: statusCode)
            : Results.Json(value, statusCode: statusCode);

    // Looked up once per type, not on every response.
    private static class Generated<T>
    {
        public static readonly JsonTypeInfo<T>? TypeInfo = ResponseJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>;
    }
}
