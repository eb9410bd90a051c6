using Users.Application.Abstractions.Mail;

namespace Users.Infrastructure.Mail;

/// <summary>
/// Hands one message to the outside world (a file, an SMTP server). Called by the delivery service only, never
/// on a request's path; an exception means "not delivered" and the service retries.
/// </summary>
public interface IEmailTransport
{
    Task DeliverAsync(EmailMessage message, CancellationToken cancellationToken);
}
