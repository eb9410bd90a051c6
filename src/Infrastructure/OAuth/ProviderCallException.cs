namespace Users.Infrastructure.OAuth;

/// <summary>
/// A provider call that cannot go on: the provider refused (<see cref="ProviderError"/>, its own error code), or answered
/// something unusable. Network failures and timeouts arrive as the framework's exceptions.
/// </summary>
internal sealed class ProviderCallException : Exception
{
    public ProviderCallException() { }

    public ProviderCallException(string message)
        : base(message) { }

    public ProviderCallException(string message, Exception innerException)
        : base(message, innerException) { }

    public ProviderCallException(string message, string? providerError)
        : base(message) => ProviderError = providerError;

    /// <summary>The provider's <c>error</c> code when it refused (<c>invalid_grant</c>); <c>null</c> for an unusable answer.</summary>
    public string? ProviderError { get; }
}
