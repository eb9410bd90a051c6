using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Users.Application.Abstractions.Mail;

namespace Users.Infrastructure.Mail;

/// <summary>
/// Sends each message through an SMTP server with System.Net.Mail: STARTTLS unless <c>Email:Smtp:Security</c> is
/// <c>None</c>, signed in when a user name is set, and given up after <see cref="Timeout"/>.
/// </summary>
public sealed class SmtpEmailTransport : IEmailTransport
{
    /// <summary>Longest wait for one delivery, from connecting to the server's final answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly SmtpOptions _options;
    private readonly MailAddress _from;

    public SmtpEmailTransport(SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.From);
        _options = options;
        _from = new MailAddress(options.From);
    }

    public async Task DeliverAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var mail = CreateMailMessage(message);
        using var client = new SmtpClient(_options.Host, _options.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            // SMTPUTF8 when the server offers it, so Unicode addresses (which the service accepts) can be delivered.
            DeliveryFormat = SmtpDeliveryFormat.International,
            EnableSsl = _options.Security == SmtpSecurity.StartTls,
            UseDefaultCredentials = false,
            Timeout = (int)Timeout.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(_options.Username))
        {
            client.Credentials = new NetworkCredential(_options.Username, _options.Password);
        }

        // SmtpClient.Timeout applies to Send only; the asynchronous send is bounded here.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await client.SendMailAsync(mail, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The SMTP server {_options.Host}:{_options.Port} did not accept the message within {Timeout.TotalSeconds:0} seconds.");
        }
    }

    private MailMessage CreateMailMessage(EmailMessage message)
    {
        var body = MailFormat.ToCrLf(message.TextBody);
        var mail = new MailMessage
        {
            From = _from,
            Subject = MailFormat.SingleLine(message.Subject),
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = body,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = MailFormat.IsSevenBitSafe(body) ? TransferEncoding.SevenBit : TransferEncoding.Base64,
            IsBodyHtml = false,
        };
        mail.To.Add(MailFormat.ParseRecipient(message.To));
        mail.Headers.Add("Message-ID", MailFormat.NewMessageId(_from, Guid.NewGuid()));
        return mail;
    }
}
