using System.Text.Json;
using Users.Application.Common.Validation;
using Users.Domain.Common;

namespace Users.Api.Json;

/// <summary>
/// A request's JSON body, parsed by <see cref="JsonBodyMiddleware"/>. Field readers tell an absent member
/// from an explicit <c>null</c> (PATCH needs the difference) and collect FastAPI-style failures.
/// </summary>
public sealed class JsonBody : IDisposable
{
    private readonly JsonDocument? _document;
    private readonly List<FieldFailure> _failures = [];

    private JsonBody(JsonDocument? document, FieldFailure? shapeFailure)
    {
        _document = document;
        if (shapeFailure is not null)
        {
            _failures.Add(shapeFailure);
        }
    }

    /// <summary>Failures found so far: the body's shape, then each field read.</summary>
    public IReadOnlyList<FieldFailure> Failures => _failures;

    public bool IsValid => _failures.Count == 0;

    public static JsonBody Parsed(JsonDocument document) =>
        document.RootElement.ValueKind == JsonValueKind.Object
            ? new JsonBody(document, null)
            : new JsonBody(document, new FieldFailure(["body"], ValidationTypes.ModelAttributesType, "Input should be a valid dictionary or object to extract fields from"));

    /// <summary>No body at all.</summary>
    public static JsonBody Missing() => new(null, new FieldFailure(["body"], ValidationTypes.Missing, ValidationTypes.MissingMessage));

    /// <summary>A body that is not JSON (wrong content type).</summary>
    public static JsonBody NotJson() =>
        new(null, new FieldFailure(["body"], ValidationTypes.ModelAttributesType, "Input should be a valid dictionary or object to extract fields from"));

    /// <summary>The member, <see cref="Field{T}.Absent"/>, or <see cref="Field{T}.Null"/>; a non-string is a failure.</summary>
    public Field<string> Text(string name)
    {
        if (!TryGetMember(name, out var element))
        {
            return Field<string>.Absent;
        }

        return element.ValueKind switch
        {
            JsonValueKind.Null => Field<string>.Null,
            JsonValueKind.String => Field<string>.Of(element.GetString()!),
            _ => Fail<string>(name, ValidationTypes.StringType, "Input should be a valid string"),
        };
    }

    /// <summary>The member as a boolean (JSON <c>true</c>/<c>false</c>); anything else is a failure.</summary>
    public Field<bool> Bool(string name)
    {
        if (!TryGetMember(name, out var element))
        {
            return Field<bool>.Absent;
        }

        return element.ValueKind switch
        {
            JsonValueKind.Null => Field<bool>.Null,
            JsonValueKind.True => Field<bool>.Of(true),
            JsonValueKind.False => Field<bool>.Of(false),
            _ => Fail<bool>(name, ValidationTypes.BoolType, "Input should be a valid boolean"),
        };
    }

    /// <summary>Records that a member must not be <c>null</c> (for example <c>email</c> in PATCH).</summary>
    public void RejectNull<T>(string name, Field<T> field)
    {
        if (field.IsNull)
        {
            _failures.Add(new FieldFailure(["body", name], ValidationTypes.StringType, "Input should not be null"));
        }
    }

    public void Dispose() => _document?.Dispose();

    private bool TryGetMember(string name, out JsonElement element)
    {
        element = default;
        return _document is { RootElement.ValueKind: JsonValueKind.Object }
            && _document.RootElement.TryGetProperty(name, out element);
    }

    private Field<T> Fail<T>(string name, string type, string message)
    {
        _failures.Add(new FieldFailure(["body", name], type, message));
        return Field<T>.Absent;
    }
}
