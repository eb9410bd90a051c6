using Microsoft.Extensions.Logging;
using Users.Application.Abstractions.Mail;

namespace Users.Infrastructure.Mail;

/// <summary>
/// The <see cref="IEmailSender"/>: puts the message on <see cref="EmailQueue"/> and returns at once, so a request
/// never waits on (or is timed by) a mail server. It never throws for a mail it cannot take: a full queue, a
/// stopped delivery or an unusable recipient is logged as an error and the mail is dropped.
/// </summary>
public sealed class QueuedEmailSender(EmailQueue queue, ILogger<QueuedEmailSender> logger) : IEmailSender
{
    // The request's token is not passed on: a request that ends (or is aborted) must not take its mail with it.
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!MailFormat.IsValidRecipient(message.To))
        {
            EmailLog.InvalidRecipient(logger, message.Subject);
            return Task.CompletedTask;
        }

        switch (queue.TryEnqueue(message))
        {
            case EmailQueue.EnqueueResult.Queued:
                break;
            case EmailQueue.EnqueueResult.Full:
                EmailLog.QueueFull(logger, message.Subject, queue.Capacity);
                break;
            default:
                EmailLog.QueueClosed(logger, message.Subject);
                break;
        }

        return Task.CompletedTask;
    }
}
