using System.Text;
using System.Text.RegularExpressions;
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

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "The email queue is full ({Capacity} emails waiting); the email '{Subject}' was dropped. Earlier warnings say why deliveries are not keeping up.")]
    public static partial void QueueFull(ILogger logger, string subject, int capacity);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email delivery has stopped (the service is shutting down); the email '{Subject}' was dropped.")]
    public static partial void QueueClosed(ILogger logger, string subject);

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
        Message = "The email '{Subject}' to a recipient at {RecipientDomain} could not be delivered in {Attempts} attempt(s) and was dropped. Last error: {Error}")]
    public static partial void GaveUp(ILogger logger, string subject, string recipientDomain, int attempts, string error);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Email delivery stopped with {Count} email(s) undelivered: the host's shutdown timeout elapsed first. They were dropped.")]
    public static partial void Abandoned(ILogger logger, int count);

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

            text.Append(current.GetType().Name).Append(": ").Append(current.Message);
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
