using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Users.Domain.Common;

namespace Users.Api.OpenApi;

/// <summary>
/// Documents an <see cref="Optional{T}"/> member as the type it carries (its JSON converter hides
/// the shape from the schema generator); the member is simply not required.
/// </summary>
public sealed class OptionalSchemaTransformer : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = context.JsonTypeInfo.Type;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Optional<>))
        {
            return;
        }

        var carried = await context.GetOrCreateSchemaAsync(type.GetGenericArguments()[0], null, cancellationToken);
        schema.Type = carried.Type;
        schema.Format = carried.Format;
        schema.Description = carried.Description; // not Optional<T>'s own, which says nothing about the member
    }
}
