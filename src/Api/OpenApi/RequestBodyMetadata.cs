namespace Users.Api.OpenApi;

/// <summary>
/// Documents a request body that the endpoint reads itself. Unlike <c>Accepts</c>, it does not take part in
/// routing: a body of another content type reaches the endpoint and gets the contract's 422, not a 415.
/// </summary>
public sealed record RequestBodyMetadata(Type RequestType, IReadOnlyList<string> ContentTypes);
