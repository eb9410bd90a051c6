namespace Users.Api.Json;

/// <summary>Endpoint metadata: this route takes a JSON body, which <see cref="JsonBodyMiddleware"/> reads and parses up front.</summary>
public sealed class JsonBodyMetadata
{
    public static readonly JsonBodyMetadata Instance = new();

    private JsonBodyMetadata() { }
}
