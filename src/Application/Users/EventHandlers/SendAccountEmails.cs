using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Mail;
using Users.Application.Common.Events;
using Users.Application.Settings;
using Users.Domain.Users.Events;

namespace Users.Application.Users.EventHandlers;

/// <summary>
/// Mails the verification and password-reset links (FastAPI Users' <c>on_after_request_verify</c> and
/// <c>on_after_forgot_password</c>): the configured base address and path, with the token as <c>token=</c>. Runs
/// inside the unit of work, so the mail is in the outbox in the same transaction as the request's change.
/// </summary>
public sealed class SendAccountEmails(IEmailOutbox outbox, IOptions<EmailLinkOptions> options)
    : ITransactionalDomainEventHandler<UserVerificationRequested>, ITransactionalDomainEventHandler<ForgotPasswordRequested>
{
    public const string VerifySubject = "Verify your email address";
    public const string ResetPasswordSubject = "Reset your password";

    public Task Handle(UserVerificationRequested domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        Add(domainEvent.Email, VerifySubject, options.Value.VerifyPath, domainEvent.Token, VerifyBody);
        return Task.CompletedTask;
    }

    public Task Handle(ForgotPasswordRequested domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        Add(domainEvent.Email, ResetPasswordSubject, options.Value.ResetPasswordPath, domainEvent.Token, ResetPasswordBody);
        return Task.CompletedTask;
    }

    private void Add(string to, string subject, string path, string token, Func<string, string> body)
    {
        var link = $"{options.Value.PublicBaseUrl.TrimEnd('/')}{path}?token={Uri.EscapeDataString(token)}";
        outbox.Add(new EmailMessage(to, subject, body(link)));
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
