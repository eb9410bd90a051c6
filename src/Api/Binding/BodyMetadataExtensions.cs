using Users.Api.OpenApi;

namespace Users.Api.Binding;

public static class BodyMetadataExtensions
{
    /// <summary>
    /// The endpoint takes a JSON body bound into <typeparamref name="TRequest"/> (its <see cref="JsonBody{TRequest}"/>
    /// parameter): parsed before authentication, answered 422 when it does not bind, documented in OpenAPI as that record.
    /// </summary>
    public static RouteHandlerBuilder WithJsonBody<TRequest>(this RouteHandlerBuilder builder)
        where TRequest : class =>
        builder.WithMetadata(new RequestBodyMetadata(typeof(TRequest), ["application/json"])).AddEndpointFilter<JsonBodyFilter>();

    /// <summary>Documents a form body of type <typeparamref name="TRequest"/> that the endpoint reads itself.</summary>
    public static RouteHandlerBuilder WithFormBody<TRequest>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new RequestBodyMetadata(typeof(TRequest), ["application/x-www-form-urlencoded", "multipart/form-data"]));
}
