namespace Users.Application.Abstractions.Persistence;

/// <summary>
/// The unique index on the normalized address refused a write: another request took the address
/// between the handler's check and the commit. Handlers turn it into the contract's "already exists" error.
/// </summary>
public sealed class EmailAlreadyTakenException : Exception
{
    public EmailAlreadyTakenException() { }

    public EmailAlreadyTakenException(string message)
        : base(message) { }

    public EmailAlreadyTakenException(string message, Exception innerException)
        : base(message, innerException) { }
}
