using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Users.Application.Common.Validation;
using Users.Domain.Common;

namespace Users.Api.Binding;

/// <summary>
/// Binds a parsed JSON object into a request record with its source-generated metadata. When System.Text.Json refuses
/// the body, each member is tried on its own, so the 422 names every failing member as FastAPI does: a required
/// member that is absent (<c>missing</c>), a value of the wrong JSON type (<c>string_type</c>, <c>bool_type</c>, ...).
/// Unknown members are ignored; member names match exactly (snake_case).
/// </summary>
public static class JsonRequestBinder
{
    public static JsonBody<TRequest> Bind<TRequest>(ParsedJsonBody parsed)
        where TRequest : class
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.Failure is { } failure)
        {
            return JsonBody<TRequest>.Failed([failure]);
        }

        var root = parsed.Document!.RootElement;
        var typeInfo = (JsonTypeInfo<TRequest>)RequestJsonContext.Default.GetTypeInfo(typeof(TRequest))!;
        try
        {
            return JsonBody<TRequest>.Bound(root.Deserialize(typeInfo)!);
        }
        catch (JsonException)
        {
            return JsonBody<TRequest>.Failed(Diagnose(root, typeInfo));
        }
    }

    private static List<FieldFailure> Diagnose(JsonElement root, JsonTypeInfo typeInfo)
    {
        var failures = new List<FieldFailure>();
        foreach (var property in typeInfo.Properties)
        {
            if (!root.TryGetProperty(property.Name, out var value))
            {
                if (property.IsRequired)
                {
                    failures.Add(new FieldFailure(["body", property.Name], ValidationTypes.Missing, ValidationTypes.MissingMessage));
                }

                continue;
            }

            try
            {
                _ = value.Deserialize(property.PropertyType, RequestJsonContext.Default.Options);
            }
            catch (JsonException)
            {
                var (type, message) = Expected(property.PropertyType);
                failures.Add(new FieldFailure(["body", property.Name], type, message));
            }
        }

        // Refused for a reason no single member explains: the body as a whole is unreadable.
        return failures.Count > 0 ? failures : [new FieldFailure(["body"], ValidationTypes.JsonInvalid, "JSON decode error")];
    }

    // FastAPI's wording for a value of the wrong type, by the member's type (inside Optional<> and Nullable<>).
    private static (string Type, string Message) Expected(Type propertyType)
    {
        var type = propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(Optional<>)
            ? propertyType.GetGenericArguments()[0]
            : propertyType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(bool) ? (ValidationTypes.BoolType, "Input should be a valid boolean")
            : type == typeof(int) || type == typeof(long) ? (ValidationTypes.IntType, "Input should be a valid integer")
            : (ValidationTypes.StringType, "Input should be a valid string");
    }
}
