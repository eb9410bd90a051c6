using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Mail;
using Users.Application.Common.Events;
using Users.Application.Settings;
using Users.Domain.Users.Events;

namespace Users.Application.Users.EventHandlers;

/// <summary>
/// Mails the verification and password-reset links (FastAPI Users' <c>on_after_request_verify</c> and
/// <c>on_after_forgot_password</c>): the configured base address and path, with the token as <c>token=</c>.
/// </summary>
public sealed class SendAccountEmails(IEmailSender emailSender, IOptions<EmailLinkOptions> options)
    : IDomainEventHandler<UserVerificationRequested>, IDomainEventHandler<ForgotPasswordRequested>
{
    public const string VerifySubject = "Verify your email address";
    public const string ResetPasswordSubject = "Reset your password";

    public Task Handle(UserVerificationRequested domainEvent, CancellationToken cancellationToken) =>
        SendAsync(domainEvent.Email, VerifySubject, options.Value.VerifyPath, domainEvent.Token, VerifyBody, cancellationToken);

    public Task Handle(ForgotPasswordRequested domainEvent, CancellationToken cancellationToken) =>
        SendAsync(domainEvent.Email, ResetPasswordSubject, options.Value.ResetPasswordPath, domainEvent.Token, ResetPasswordBody, cancellationToken);

    private Task SendAsync(string to, string subject, string path, string token, Func<string, string> body, CancellationToken cancellationToken)
    {
        var link = $"{options.Value.PublicBaseUrl.TrimEnd('/')}{path}?token={Uri.EscapeDataString(token)}";
        return emailSender.SendAsync(new EmailMessage(to, subject, body(link)), cancellationToken);
    }

    private static string VerifyBody(string link) =>
        $"""
        Hello,

        please confirm that this is your email address by opening the link below:

        {link}

        If you did not ask for this, you can ignore this message.
        """;

    private static string ResetPasswordBody(string link) =>
        $"""
        Hello,

        someone asked to reset the password of the account with this email address. To choose a new password, open the link below:

        {link}

        The link works once. If you did not ask for this, you can ignore this message: your password stays as it is.
        """;
}
