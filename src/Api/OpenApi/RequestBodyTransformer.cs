using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Users.Api.OpenApi;

/// <summary>Turns <see cref="RequestBodyMetadata"/> into the operation's documented request body.</summary>
public sealed class RequestBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestBodyMetadata>().FirstOrDefault();
        if (metadata is null)
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(metadata.RequestType, null, cancellationToken);
        var body = new OpenApiRequestBody { Required = true, Content = new Dictionary<string, OpenApiMediaType>() };
        foreach (var contentType in metadata.ContentTypes)
        {
            body.Content[contentType] = new OpenApiMediaType { Schema = schema };
        }

        operation.RequestBody = body;
    }
}
