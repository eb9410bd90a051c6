namespace Users.Application.Abstractions.Persistence;

/// <summary>
/// Another request changed or deleted the user between this use case's read and its commit, so the commit was refused
/// and nothing was stored. The use case is run again on the fresh row (<c>ConcurrencyRetryBehavior</c>): a single-use
/// token then finds itself spent, a change finds itself already made.
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException() { }

    public ConcurrencyConflictException(string message)
        : base(message) { }

    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException) { }
}
