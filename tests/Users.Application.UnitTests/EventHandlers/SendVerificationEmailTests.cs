using Microsoft.Extensions.Options;
using NSubstitute;
using Users.Application.Abstractions.Mail;
using Users.Application.Settings;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users.EventHandlers;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.EventHandlers;

public sealed class SendVerificationEmailTests
{
    private readonly Ports _ports = new();
    private readonly List<EmailMessage> _sent = [];

    public SendVerificationEmailTests() =>
        _ports.EmailSender.SendAsync(Arg.Do<EmailMessage>(_sent.Add), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);

    private async Task<EmailMessage> Handle(string token, EmailLinkOptions? options = null, string email = "Alice@example.com")
    {
        var handler = new SendVerificationEmail(_ports.EmailSender, Options.Create(options ?? new EmailLinkOptions { PublicBaseUrl = "https://app.example.com" }));
        await handler.Handle(new UserVerificationRequested(Guid.CreateVersion7(), email, token), CancellationToken.None);
        return Assert.Single(_sent);
    }

    [Fact]
    public async Task Handle_SendsOnePlainTextMessageToTheEventsAddressWithTheVerifyLink()
    {
        var message = await Handle("eyJ.abc-_.xyz", email: "Alice@example.com");

        Assert.Equal("Alice@example.com", message.To);
        Assert.Equal("Verify your email address", message.Subject);
        Assert.Contains("https://app.example.com/auth/verify?token=eyJ.abc-_.xyz", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_EscapesTheTokenInTheLink()
    {
        var message = await Handle("a+b/c=d&e f");

        Assert.Contains("/auth/verify?token=a%2Bb%2Fc%3Dd%26e%20f", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("a+b/c=d&e f", message.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://users.example.org")]
    [InlineData("https://users.example.org/")]
    public async Task Handle_BaseUrlWithOrWithoutTrailingSlash_GivesOneSlashBeforeThePath(string baseUrl)
    {
        var message = await Handle("t0k3n", new EmailLinkOptions { PublicBaseUrl = baseUrl, VerifyPath = "/account/verify" });

        Assert.Contains("https://users.example.org/account/verify?token=t0k3n", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_PassesTheCancellationTokenToTheSender()
    {
        using var cts = new CancellationTokenSource();
        var handler = new SendVerificationEmail(_ports.EmailSender, Options.Create(new EmailLinkOptions()));

        await handler.Handle(new UserVerificationRequested(Guid.CreateVersion7(), "alice@example.com", "t"), cts.Token);

        await _ports.EmailSender.Received(1).SendAsync(Arg.Any<EmailMessage>(), cts.Token);
    }
}
