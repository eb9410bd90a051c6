using System.Text;
using System.Text.RegularExpressions;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;

namespace Users.Infrastructure.Mail;

/// <summary>
/// Every log line of mail delivery. None carries a body (it holds tokens) or an address (personal data): a mail is
/// named by its subject and its recipient's domain, and error texts pass through <see cref="Describe"/>.
/// </summary>
internal static partial class EmailLog
{
    private const int MaximumInnerExceptions = 4;

    [LoggerMessage(Level = LogLevel.Information, Message = "Email delivery: writing .eml files to {Directory}")]
    public static partial void UsingPickupDirectory(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email delivery: SMTP server {Host}:{Port}, security {Security}")]
    public static partial void UsingSmtp(ILogger logger, string host, int port, SmtpSecurity security);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = UnconfiguredEmailTransport.Message + ". Every email (verification, password reset) will fail and be logged as an error.")]
    public static partial void NotConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The email '{Subject}' was dropped: its recipient is not a single valid email address.")]
    public static partial void InvalidRecipient(ILogger logger, string subject);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivered the email '{Subject}' to a recipient at {RecipientDomain} (attempt {Attempt})")]
    public static partial void Delivered(ILogger logger, string subject, string recipientDomain, int attempt);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Delivering the email '{Subject}' to a recipient at {RecipientDomain} failed (attempt {Attempt} of {MaxAttempts}); "
            + "retrying in {RetryDelaySeconds} s. {Error}")]
    public static partial void AttemptFailed(
        ILogger logger, string subject, string recipientDomain, int attempt, int maxAttempts, double retryDelaySeconds, string error);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "The email '{Subject}' to a recipient at {RecipientDomain} could not be delivered in {Attempts} attempt(s) and is recorded as failed in the outbox. Last error: {Error}")]
    public static partial void GaveUp(ILogger logger, string subject, string recipientDomain, int attempts, string error);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "The email '{Subject}' to a recipient at {RecipientDomain} was refused for good (attempt {Attempt}) and is recorded as failed in the outbox: {Error}")]
    public static partial void Refused(ILogger logger, string subject, string recipientDomain, int attempt, string error);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The email outbox cannot be read or written ({Error}); mail waits in the outbox and delivery is tried again in {RetrySeconds} s.")]
    public static partial void OutboxUnavailable(ILogger logger, string error, double retrySeconds);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The outcome of the email '{Subject}' could not be recorded ({Error}); its claim runs out and it will be tried again, so it may arrive twice.")]
    public static partial void OutcomeNotRecorded(ILogger logger, string subject, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email delivery stopped; {Count} claimed email(s) not yet delivered were handed back to the outbox.")]
    public static partial void ClaimsReleased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} outbox record(s) of email delivered or given up more than {Days} day(s) ago.")]
    public static partial void Purged(ILogger logger, int count, int days);

    /// <summary>The part after the last <c>@</c>, lower-cased: enough to tell which provider refuses mail.</summary>
    public static string RecipientDomain(string to)
    {
        var at = to.LastIndexOf('@');
        return at < 0 || at == to.Length - 1 ? "(unknown domain)" : to[(at + 1)..].Trim().TrimEnd('>').ToLowerInvariant();
    }

    /// <summary>
    /// The exception's type and message, and those of its inner exceptions, without a stack trace and with every
    /// address blanked: servers like to quote the recipient ("550 &lt;bob@example.com&gt;: no such user").
    /// </summary>
    public static string Describe(Exception exception, string recipient)
    {
        var text = new StringBuilder();
        var depth = 0;
        for (var current = exception; current is not null && depth <= MaximumInnerExceptions; current = current.InnerException, depth++)
        {
            if (depth > 0)
            {
                text.Append(" ---> ");
            }

            text.Append(current.GetType().Name).Append(": ");
            if (current is SmtpCommandException answer)
            {
                // MailKit's message leaves out the reply code, which is what tells a refusal for now from one for good.
                text.Append((int)answer.StatusCode).Append(' ');
            }

            text.Append(current.Message);
        }

        var described = text.ToString();
        if (!string.IsNullOrWhiteSpace(recipient))
        {
            described = described.Replace(recipient.Trim(), "[recipient]", StringComparison.OrdinalIgnoreCase);
        }

        return AddressLike().Replace(described, "[address]");
    }

    [GeneratedRegex(@"[^\s<>""'(),;:\[\]]+@[^\s<>""'(),;:\[\]]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AddressLike();
}
