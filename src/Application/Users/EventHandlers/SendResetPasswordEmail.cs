using MediatR;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Mail;
using Users.Application.Settings;
using Users.Domain.Users.Events;

namespace Users.Application.Users.EventHandlers;

/// <summary>Mails the password-reset link (FastAPI Users' <c>on_after_forgot_password</c>).</summary>
public sealed class SendResetPasswordEmail(IEmailSender emailSender, IOptions<EmailLinkOptions> options)
    : INotificationHandler<ForgotPasswordRequested>
{
    public const string Subject = "Reset your password";

    public Task Handle(ForgotPasswordRequested notification, CancellationToken cancellationToken)
    {
        var link = EmailLink.Build(options.Value.PublicBaseUrl, options.Value.ResetPasswordPath, notification.Token);
        var body =
            $"""
            Hello,

            someone asked to reset the password of the account with this email address. To choose a new password, open the link below:

            {link}

            The link works once. If you did not ask for this, you can ignore this message: your password stays as it is.
            """;
        return emailSender.SendAsync(new EmailMessage(notification.Email, Subject, body), cancellationToken);
    }
}
