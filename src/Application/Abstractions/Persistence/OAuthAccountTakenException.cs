namespace Users.Application.Abstractions.Persistence;

/// <summary>
/// The unique index on (provider, account id) refused a write: another request linked the provider account between the
/// handler's check and the commit. Nothing was stored; the use case decides again on what is stored now.
/// </summary>
public sealed class OAuthAccountTakenException : Exception
{
    public OAuthAccountTakenException() { }

    public OAuthAccountTakenException(string message)
        : base(message) { }

    public OAuthAccountTakenException(string message, Exception innerException)
        : base(message, innerException) { }
}
