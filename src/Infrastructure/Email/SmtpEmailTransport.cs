using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;
using Users.Application.Abstractions.Mail;

namespace Users.Infrastructure.Mail;

/// <summary>
/// Sends each message through an SMTP server with MailKit: STARTTLS unless <c>Email:Smtp:Security</c> is <c>None</c>,
/// signed in when a user name is set, and given up after <see cref="Timeout"/>. A 5xx answer (the server refuses the
/// sender, the recipient or the message for good) is a <see cref="PermanentEmailFailureException"/>; anything else
/// (4xx answers, connection and protocol errors, time-outs) is worth another attempt.
/// </summary>
public sealed class SmtpEmailTransport : IEmailTransport
{
    /// <summary>Longest wait for one delivery, from connecting to the server's final answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // SMTPUTF8 when the server offers it, so Unicode addresses (which the service accepts) can be delivered.
    private static readonly FormatOptions International = CreateFormatOptions();

    private readonly SmtpOptions _options;
    private readonly string _host;
    private readonly MailboxAddress _from;
    private readonly System.Net.Mail.MailAddress _messageIdSender; // the pickup directory's message-id rule takes this type

    public SmtpEmailTransport(SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.From);
        _options = options;
        _host = options.Host;
        _from = MailboxAddress.Parse(options.From);
        _messageIdSender = new System.Net.Mail.MailAddress(_from.Address);
    }

    public async Task DeliverAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var mail = CreateMimeMessage(message);
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var security = _options.Security == SmtpSecurity.None ? SecureSocketOptions.None : SecureSocketOptions.StartTls;
            await client.ConnectAsync(_host, _options.Port, security, timeout.Token);
            if (!string.IsNullOrEmpty(_options.Username))
            {
                await client.AuthenticateAsync(_options.Username, _options.Password ?? string.Empty, timeout.Token);
            }

            await client.SendAsync(International, mail, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The SMTP server {_options.Host}:{_options.Port} did not accept the message within {Timeout.TotalSeconds:0} seconds.");
        }
        catch (SmtpCommandException refused) when ((int)refused.StatusCode is >= 500 and < 600)
        {
            throw new PermanentEmailFailureException(
                $"The SMTP server refused the message for good ({(int)refused.StatusCode} {refused.ErrorCode}): {refused.Message}", refused);
        }
    }

    private static FormatOptions CreateFormatOptions()
    {
        var options = FormatOptions.Default.Clone();
        options.International = true;
        return options;
    }

    // Plain text as UTF-8; as-is when it is 7-bit safe (a token in a link stays readable in the raw message), else base64.
    private static TextPart Body(string crLfText)
    {
        var part = new TextPart(TextFormat.Plain);
        part.SetText(System.Text.Encoding.UTF8, crLfText);
        part.ContentTransferEncoding = MailFormat.IsSevenBitSafe(crLfText) ? ContentEncoding.SevenBit : ContentEncoding.Base64;
        return part;
    }

    private MimeMessage CreateMimeMessage(EmailMessage message)
    {
        MailboxAddress to;
        try
        {
            to = MailboxAddress.Parse(MailFormat.ParseRecipient(message.To).Address);
        }
        catch (Exception invalid) when (invalid is FormatException or ParseException)
        {
            throw new PermanentEmailFailureException("The recipient is not a single valid email address.", invalid);
        }

        var mail = new MimeMessage
        {
            Subject = MailFormat.SingleLine(message.Subject),
            Date = DateTimeOffset.UtcNow,
            MessageId = MailFormat.NewMessageId(_messageIdSender, Guid.NewGuid()).Trim('<', '>'), // MimeKit adds the brackets
            Body = Body(MailFormat.ToCrLf(message.TextBody)),
        };
        mail.From.Add(_from);
        mail.To.Add(to);
        return mail;
    }
}
