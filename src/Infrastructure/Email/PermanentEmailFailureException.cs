namespace Users.Infrastructure.Mail;

/// <summary>
/// A delivery the transport knows will never succeed (an SMTP 5xx answer, no transport configured, a body that cannot
/// be decrypted): the mail is recorded as failed at once instead of being retried.
/// </summary>
public sealed class PermanentEmailFailureException : Exception
{
    public PermanentEmailFailureException()
    {
    }

    public PermanentEmailFailureException(string message)
        : base(message)
    {
    }

    public PermanentEmailFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
