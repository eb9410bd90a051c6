using Microsoft.Extensions.Options;
using NSubstitute;
using Users.Application.Abstractions.Mail;
using Users.Application.Settings;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users.EventHandlers;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.EventHandlers;

public sealed class SendResetPasswordEmailTests
{
    private readonly Ports _ports = new();
    private readonly List<EmailMessage> _sent = [];

    public SendResetPasswordEmailTests() =>
        _ports.EmailSender.SendAsync(Arg.Do<EmailMessage>(_sent.Add), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);

    private async Task<EmailMessage> Handle(string token, EmailLinkOptions? options = null, string email = "Bob@example.com")
    {
        var handler = new SendResetPasswordEmail(_ports.EmailSender, Options.Create(options ?? new EmailLinkOptions { PublicBaseUrl = "https://app.example.com" }));
        await handler.Handle(new ForgotPasswordRequested(Guid.CreateVersion7(), email, token), CancellationToken.None);
        return Assert.Single(_sent);
    }

    [Fact]
    public async Task Handle_SendsOnePlainTextMessageToTheEventsAddressWithTheResetLink()
    {
        var message = await Handle("eyJ.abc-_.xyz", email: "Bob@example.com");

        Assert.Equal("Bob@example.com", message.To);
        Assert.Equal("Reset your password", message.Subject);
        Assert.Contains("https://app.example.com/reset-password?token=eyJ.abc-_.xyz", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/auth/verify", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_EscapesTheTokenInTheLink()
    {
        var message = await Handle("a+b/c=d?e#f");

        Assert.Contains("/reset-password?token=a%2Bb%2Fc%3Dd%3Fe%23f", message.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://front.example.org")]
    [InlineData("https://front.example.org/")]
    [InlineData("https://front.example.org//")]
    public async Task Handle_BaseUrlWithOrWithoutTrailingSlash_GivesOneSlashBeforeThePath(string baseUrl)
    {
        var message = await Handle("t0k3n", new EmailLinkOptions { PublicBaseUrl = baseUrl, ResetPasswordPath = "/password/new" });

        Assert.Contains("https://front.example.org/password/new?token=t0k3n", message.TextBody, StringComparison.Ordinal);
    }
}
