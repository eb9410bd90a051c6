using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Users.Application.Abstractions.Mail;
using Users.Application.Common.Events;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Application.Users.EventHandlers;
using Users.Domain.Common;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.EventHandlers;

/// <summary>
/// The hooks as the unit of work meets them: registered by <c>AddApplication</c>'s scan as
/// <see cref="IDomainEventHandler{TEvent}"/> (after the commit) or <see cref="ITransactionalDomainEventHandler{TEvent}"/>
/// (before it, in its transaction) of their events, and reached by publishing.
/// </summary>
public sealed class DomainEventHookRegistrationTests
{
    public static TheoryData<Type, Type> TransactionalHooksOfTheApplication => new()
    {
        { typeof(UserVerificationRequested), typeof(SendAccountEmails) },
        { typeof(ForgotPasswordRequested), typeof(SendAccountEmails) },
    };

    public static TheoryData<Type, Type> HooksOfTheApplication => new()
    {
        { typeof(UserRegistered), typeof(LogAccountActivity) },
        { typeof(UserVerified), typeof(LogAccountActivity) },
        { typeof(PasswordReset), typeof(LogAccountActivity) },
        { typeof(UserDeleted), typeof(LogAccountActivity) },
    };

    private static List<object?> HandlersOf(ApplicationHost host, Type eventType) =>
        [.. host.Services.GetServices(typeof(IDomainEventHandler<>).MakeGenericType(eventType))];

    private static List<object?> TransactionalHandlersOf(ApplicationHost host, Type eventType) =>
        [.. host.Services.GetServices(typeof(ITransactionalDomainEventHandler<>).MakeGenericType(eventType))];

    [Theory]
    [MemberData(nameof(TransactionalHooksOfTheApplication))]
    public void AddApplication_RegistersEachTransactionalHookOnce_AndNotAsAnAfterCommitHook(Type eventType, Type hookType)
    {
        using var host = new ApplicationHost();

        Assert.Single(TransactionalHandlersOf(host, eventType), h => h?.GetType() == hookType);
        Assert.DoesNotContain(HandlersOf(host, eventType), h => h?.GetType() == hookType);
    }

    [Theory]
    [MemberData(nameof(HooksOfTheApplication))]
    public void AddApplication_RegistersEachHookOnceAsTheHandlerOfItsEvent(Type eventType, Type hookType)
    {
        using var host = new ApplicationHost();

        Assert.Single(HandlersOf(host, eventType), h => h?.GetType() == hookType);
    }

    [Fact]
    public void AddApplication_GivenTheApplicationAssemblyAgain_RegistersItsHooksOnce()
    {
        using var host = new ApplicationHost(extraAssemblies: typeof(UserRead).Assembly);

        Assert.Single(TransactionalHandlersOf(host, typeof(UserVerificationRequested)));
        Assert.Single(HandlersOf(host, typeof(UserRegistered)));
    }

    [Fact]
    public void AddApplication_RegistersTheDomainEventPublisher()
    {
        using var host = new ApplicationHost();

        Assert.IsType<DomainEventPublisher>(host.Events);
    }

    [Fact]
    public async Task Publish_UserVerificationRequested_SendsTheVerificationMailToTheUser()
    {
        using var host = new ApplicationHost();

        await host.Events.PublishAsync(new UserVerificationRequested(Guid.CreateVersion7(), "alice@example.com", "tok"), CancellationToken.None);
        host.Ports.EmailOutbox.DidNotReceive().Add(Arg.Any<EmailMessage>()); // not after the commit: in its transaction
        await host.Events.PublishBeforeCommitAsync(new UserVerificationRequested(Guid.CreateVersion7(), "alice@example.com", "tok"), CancellationToken.None);

        host.Ports.EmailOutbox.Received(1).Add(
            Arg.Is<EmailMessage>(m => m.To == "alice@example.com" && m.TextBody.Contains("/auth/verify?token=tok", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Publish_ForgotPasswordRequested_SendsTheResetMailToTheUser()
    {
        using var host = new ApplicationHost();

        await host.Events.PublishAsync(new ForgotPasswordRequested(Guid.CreateVersion7(), "bob@example.com", "tok"), CancellationToken.None);
        host.Ports.EmailOutbox.DidNotReceive().Add(Arg.Any<EmailMessage>()); // not after the commit: in its transaction
        await host.Events.PublishBeforeCommitAsync(new ForgotPasswordRequested(Guid.CreateVersion7(), "bob@example.com", "tok"), CancellationToken.None);

        host.Ports.EmailOutbox.Received(1).Add(
            Arg.Is<EmailMessage>(m => m.To == "bob@example.com" && m.TextBody.Contains("/reset-password?token=tok", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Publish_ReachesAHookFromAnExtraAssembly()
    {
        using var host = new ApplicationHost(extraAssemblies: typeof(DomainEventHookRegistrationTests).Assembly);
        IDomainEvent registered = new UserRegistered(Guid.CreateVersion7(), "bob@example.com");

        await host.Events.PublishAsync(registered, CancellationToken.None);

        Assert.Equal([registered], host.Recorder.Received);
        Assert.Contains(HandlersOf(host, typeof(UserRegistered)), h => h is LogAccountActivity); // beside the Application's own
    }

    [Fact]
    public async Task Publish_WithoutTheExtraAssembly_DoesNotReachItsHook()
    {
        using var host = new ApplicationHost();

        await host.Events.PublishAsync(new UserRegistered(Guid.CreateVersion7(), "bob@example.com"), CancellationToken.None);

        Assert.Empty(host.Recorder.Received);
        Assert.DoesNotContain(HandlersOf(host, typeof(UserRegistered)), h => h is RecordUserRegistered);
    }
}
