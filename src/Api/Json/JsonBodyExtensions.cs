namespace Users.Api.Json;

public static class JsonBodyExtensions
{
    /// <summary>Marks the endpoint as taking a JSON body of type <typeparamref name="TRequest"/> (read by <see cref="JsonBodyMiddleware"/>, documented in OpenAPI).</summary>
    public static RouteHandlerBuilder WithJsonBody<TRequest>(this RouteHandlerBuilder builder)
        where TRequest : notnull =>
        builder.WithMetadata(JsonBodyMetadata.Instance).Accepts<TRequest>("application/json");

    /// <summary>The body parsed for this request; only on endpoints marked with <see cref="WithJsonBody{TRequest}"/>.</summary>
    public static JsonBody JsonBody(this HttpContext context) =>
        context.Features.Get<JsonBody>() ?? throw new InvalidOperationException("This endpoint is not marked WithJsonBody.");
}
