namespace Users.Application.Abstractions.Mail;

/// <summary>
/// Hands a message over for delivery. Implementations must not make the caller wait on a mail server: the
/// request that caused the mail has already been answered or is about to be.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
