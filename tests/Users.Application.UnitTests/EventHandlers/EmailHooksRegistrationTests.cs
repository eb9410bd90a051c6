using NSubstitute;
using Users.Application.Abstractions.Mail;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.EventHandlers;

/// <summary>The mail hooks as the unit of work meets them: registered by <c>AddApplication</c>, reached by publishing.</summary>
public sealed class EmailHooksRegistrationTests
{
    [Fact]
    public async Task Publish_UserVerificationRequested_SendsTheVerificationMailToTheUser()
    {
        using var host = new ApplicationHost();

        await host.Mediator.Publish(new UserVerificationRequested(Guid.CreateVersion7(), "alice@example.com", "tok"));

        await host.Ports.EmailSender.Received(1).SendAsync(
            Arg.Is<EmailMessage>(m => m.To == "alice@example.com" && m.TextBody.Contains("/auth/verify?token=tok", StringComparison.Ordinal)),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Publish_ForgotPasswordRequested_SendsTheResetMailToTheUser()
    {
        using var host = new ApplicationHost();

        await host.Mediator.Publish(new ForgotPasswordRequested(Guid.CreateVersion7(), "bob@example.com", "tok"));

        await host.Ports.EmailSender.Received(1).SendAsync(
            Arg.Is<EmailMessage>(m => m.To == "bob@example.com" && m.TextBody.Contains("/reset-password?token=tok", StringComparison.Ordinal)),
            Arg.Any<CancellationToken>());
    }
}
