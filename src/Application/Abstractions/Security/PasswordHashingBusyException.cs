namespace Users.Application.Abstractions.Security;

/// <summary>
/// Every hashing slot is busy and the queue in front of them is full: the request is refused at once (503 with
/// <c>Retry-After</c>) rather than queued without bound, which would let a burst of logins exhaust memory.
/// Nothing was changed.
/// </summary>
public sealed class PasswordHashingBusyException : Exception
{
    public PasswordHashingBusyException()
        : this(TimeSpan.FromSeconds(1)) { }

    public PasswordHashingBusyException(TimeSpan retryAfter)
        : base("Every password-hashing slot is busy and the queue is full.") => RetryAfter = retryAfter;

    public PasswordHashingBusyException(string message)
        : base(message) => RetryAfter = TimeSpan.FromSeconds(1);

    public PasswordHashingBusyException(string message, Exception innerException)
        : base(message, innerException) => RetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>When the queue is expected to have room again.</summary>
    public TimeSpan RetryAfter { get; }
}
