using System.Net.Mail;
using Microsoft.Extensions.Logging;

namespace Users.Infrastructure.Mail;

/// <summary>Picks the transport the settings ask for: the pickup directory, else SMTP, else one that fails every delivery.</summary>
internal static class EmailTransportSelector
{
    public static IEmailTransport Create(EmailOptions options, TimeProvider timeProvider, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            var from = new MailAddress(string.IsNullOrWhiteSpace(options.Smtp.From) ? EmailOptions.DefaultPickupFrom : options.Smtp.From);
            var pickup = new PickupDirectoryEmailTransport(options.PickupDirectory, from, timeProvider);
            EmailLog.UsingPickupDirectory(logger, pickup.Directory);
            return pickup;
        }

        if (!string.IsNullOrWhiteSpace(options.Smtp.Host))
        {
            EmailLog.UsingSmtp(logger, options.Smtp.Host, options.Smtp.Port, options.Smtp.Security);
            return new SmtpEmailTransport(options.Smtp);
        }

        EmailLog.NotConfigured(logger);
        return new UnconfiguredEmailTransport();
    }
}
