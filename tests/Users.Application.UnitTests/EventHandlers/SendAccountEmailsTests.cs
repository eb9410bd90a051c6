using Microsoft.Extensions.Options;
using NSubstitute;
using Users.Application.Abstractions.Mail;
using Users.Application.Settings;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users.EventHandlers;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.EventHandlers;

/// <summary>The verification mail (<see cref="UserVerificationRequested"/>) and the reset mail (<see cref="ForgotPasswordRequested"/>).</summary>
public sealed class SendAccountEmailsTests
{
    private const string Verify = "verify";
    private const string Reset = "reset";

    private readonly Ports _ports = new();
    private readonly List<EmailMessage> _sent = [];

    public SendAccountEmailsTests() =>
        _ports.EmailOutbox.Add(Arg.Do<EmailMessage>(_sent.Add));

    private async Task<EmailMessage> Handle(string mail, string token, EmailLinkOptions? options = null, string email = "Alice@example.com", CancellationToken cancellationToken = default)
    {
        var handler = new SendAccountEmails(_ports.EmailOutbox, Options.Create(options ?? new EmailLinkOptions { PublicBaseUrl = "https://app.example.com" }));
        await (mail switch
        {
            Verify => handler.Handle(new UserVerificationRequested(Guid.CreateVersion7(), email, token), cancellationToken),
            Reset => handler.Handle(new ForgotPasswordRequested(Guid.CreateVersion7(), email, token), cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(mail)),
        });
        return Assert.Single(_sent);
    }

    [Theory]
    [InlineData(Verify, "Alice@example.com", SendAccountEmails.VerifySubject, "Verify your email address", "/auth/verify", "/reset-password")]
    [InlineData(Reset, "Bob@example.com", SendAccountEmails.ResetPasswordSubject, "Reset your password", "/reset-password", "/auth/verify")]
    public async Task Handle_SendsOnePlainTextMessageToTheEventsAddressWithItsOwnLinkOnly(
        string mail, string email, string subject, string subjectText, string path, string otherMailsPath)
    {
        var message = await Handle(mail, "eyJ.abc-_.xyz", email: email);

        Assert.Equal(email, message.To);
        Assert.Equal(subject, message.Subject);
        Assert.Equal(subjectText, message.Subject);
        Assert.Contains($"https://app.example.com{path}?token=eyJ.abc-_.xyz", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(otherMailsPath, message.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Verify, "a+b/c=d&e f", "/auth/verify?token=a%2Bb%2Fc%3Dd%26e%20f")]
    [InlineData(Reset, "a+b/c=d?e#f", "/reset-password?token=a%2Bb%2Fc%3Dd%3Fe%23f")]
    public async Task Handle_EscapesTheTokenInTheLink(string mail, string token, string expectedLink)
    {
        var message = await Handle(mail, token);

        Assert.Contains(expectedLink, message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(token, message.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Verify, "https://front.example.org", "https://front.example.org/account/verify?token=t0k3n")]
    [InlineData(Verify, "https://front.example.org/", "https://front.example.org/account/verify?token=t0k3n")]
    [InlineData(Reset, "https://front.example.org", "https://front.example.org/password/new?token=t0k3n")]
    [InlineData(Reset, "https://front.example.org/", "https://front.example.org/password/new?token=t0k3n")]
    [InlineData(Reset, "https://front.example.org//", "https://front.example.org/password/new?token=t0k3n")]
    public async Task Handle_BaseUrlWithOrWithoutTrailingSlash_GivesOneSlashBeforeTheConfiguredPath(string mail, string baseUrl, string expectedLink)
    {
        var options = new EmailLinkOptions { PublicBaseUrl = baseUrl, VerifyPath = "/account/verify", ResetPasswordPath = "/password/new" };

        var message = await Handle(mail, "t0k3n", options);

        Assert.Contains(expectedLink, message.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Verify)]
    [InlineData(Reset)]
    public async Task Handle_AddsExactlyOneMailToTheOutbox_EvenForACancelledRequest(string mail)
    {
        // The outbox only stages the mail in the unit of work; whether it is stored is the commit's business.
        await Handle(mail, "t", cancellationToken: new CancellationToken(canceled: true));

        _ports.EmailOutbox.Received(1).Add(Arg.Any<EmailMessage>());
    }
}
