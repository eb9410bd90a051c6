using Users.Api.OpenApi;

namespace Users.Api.Json;

public static class JsonBodyExtensions
{
    /// <summary>Marks the endpoint as taking a JSON body of type <typeparamref name="TRequest"/> (read by <see cref="JsonBodyMiddleware"/>, documented in OpenAPI).</summary>
    public static RouteHandlerBuilder WithJsonBody<TRequest>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(JsonBodyMetadata.Instance, new RequestBodyMetadata(typeof(TRequest), ["application/json"]));

    /// <summary>Documents a form body of type <typeparamref name="TRequest"/> that the endpoint reads itself.</summary>
    public static RouteHandlerBuilder WithFormBody<TRequest>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new RequestBodyMetadata(typeof(TRequest), ["application/x-www-form-urlencoded", "multipart/form-data"]));

    /// <summary>The body parsed for this request; only on endpoints marked with <see cref="WithJsonBody{TRequest}"/>.</summary>
    public static JsonBody JsonBody(this HttpContext context) =>
        context.Features.Get<JsonBody>() ?? throw new InvalidOperationException("This endpoint is not marked WithJsonBody.");
}
