using System.Text.Json;
using Users.Application.Common.Validation;
using Users.Domain.Common;

namespace Users.Api.Binding;

/// <summary>
/// A request's JSON body as <see cref="JsonBodyMiddleware"/> found it: a parsed object, or why it is not one (no body,
/// not JSON, not an object). Binding to the endpoint's request record happens later, after authentication.
/// </summary>
public sealed class ParsedJsonBody : IDisposable
{
    private const string ObjectExpected = "Input should be a valid dictionary or object to extract fields from";

    private ParsedJsonBody(JsonDocument? document, FieldFailure? failure)
    {
        Document = document;
        Failure = failure;
    }

    /// <summary>The body, when it is a JSON object.</summary>
    public JsonDocument? Document { get; }

    /// <summary>Why the body as a whole cannot bind, or <c>null</c>.</summary>
    public FieldFailure? Failure { get; }

    public static ParsedJsonBody Parsed(JsonDocument document) =>
        document.RootElement.ValueKind == JsonValueKind.Object
            ? new ParsedJsonBody(document, null)
            : new ParsedJsonBody(document, new FieldFailure(["body"], ValidationTypes.ModelAttributesType, ObjectExpected));

    /// <summary>No body at all.</summary>
    public static ParsedJsonBody Missing() => new(null, new FieldFailure(["body"], ValidationTypes.Missing, ValidationTypes.MissingMessage));

    /// <summary>A body that is not JSON (another content type).</summary>
    public static ParsedJsonBody NotJson() => new(null, new FieldFailure(["body"], ValidationTypes.ModelAttributesType, ObjectExpected));

    public void Dispose() => Document?.Dispose();
}
