using MediatR;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Mail;
using Users.Application.Settings;
using Users.Domain.Users.Events;

namespace Users.Application.Users.EventHandlers;

/// <summary>Mails the verification link (FastAPI Users' <c>on_after_request_verify</c>).</summary>
public sealed class SendVerificationEmail(IEmailSender emailSender, IOptions<EmailLinkOptions> options)
    : INotificationHandler<UserVerificationRequested>
{
    public const string Subject = "Verify your email address";

    public Task Handle(UserVerificationRequested notification, CancellationToken cancellationToken)
    {
        var link = EmailLink.Build(options.Value.PublicBaseUrl, options.Value.VerifyPath, notification.Token);
        var body =
            $"""
            Hello,

            please confirm that this is your email address by opening the link below:

            {link}

            If you did not ask for this, you can ignore this message.
            """;
        return emailSender.SendAsync(new EmailMessage(notification.Email, Subject, body), cancellationToken);
    }
}
