namespace Users.Api.Hosting;

/// <summary>
/// Graceful shutdown (section <c>Shutdown</c>). On SIGTERM the service stops accepting connections, then waits up to
/// <see cref="TimeoutSeconds"/> for the requests and mail deliveries in progress before it exits.
/// </summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    public const int DefaultTimeoutSeconds = 30;

    public int TimeoutSeconds { get; set; } = DefaultTimeoutSeconds;
}
