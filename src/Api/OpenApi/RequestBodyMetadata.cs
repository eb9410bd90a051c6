namespace Users.Api.OpenApi;

/// <summary>
/// Documents a request body that the endpoint reads itself. Unlike <c>Accepts</c>, it does not take part in
/// routing: a body of another content type reaches the endpoint and gets the contract's 422, not a 415.
/// </summary>
public sealed record RequestBodyMetadata(Type RequestType, IReadOnlyList<string> ContentTypes)
{
    /// <summary>A JSON body, which <see cref="Binding.JsonBodyMiddleware"/> parses before authentication.</summary>
    public bool IsJson => ContentTypes.Contains("application/json", StringComparer.Ordinal);
}
