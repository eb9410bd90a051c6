using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NSubstitute;
using Users.Application.Abstractions.Security;
using Users.Application.Security;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users.Commands.RegisterUser;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.Pipeline;

public sealed class PipelineTests
{
    [Fact]
    public async Task Send_InvalidCommand_ReturnsValidationFailureWithoutTouchingAnyPort()
    {
        using var host = new ApplicationHost();

        var result = await host.Mediator.Send(new RegisterUserCommand("not-an-email", "correct horse battery"));

        Assert.IsType<ValidationError>(result.Error);
        Assert.Empty(host.Ports.Users.ReceivedCalls());
        Assert.Empty(host.Ports.UnitOfWork.ReceivedCalls());
        Assert.Empty(host.Ports.Hasher.ReceivedCalls());
        Assert.Empty(host.Ports.Policy.ReceivedCalls());
    }

    [Fact]
    public async Task Send_ValidCommand_ReachesItsHandler()
    {
        using var host = new ApplicationHost();

        var result = await host.Mediator.Send(new RegisterUserCommand("bob@example.com", "correct horse battery"));

        Assert.Equal("bob@example.com", ResultAssert.Succeeded(result).Email);
        host.Ports.Users.Received(1).Add(Arg.Is<User>(u => u.Email == "bob@example.com"));
        await host.Ports.UnitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Send_HandlerFailure_PassesTheFailedResultThrough()
    {
        using var host = new ApplicationHost();
        host.Ports.TakeEmail("bob@example.com");

        var result = await host.Mediator.Send(new RegisterUserCommand("bob@example.com", "correct horse battery"));

        ResultAssert.Failed(result, "REGISTER_USER_ALREADY_EXISTS");
    }

    [Fact]
    public async Task Publish_ReachesNotificationHandlerFromAnExtraAssembly()
    {
        var recorder = new EventRecorder();
        using var host = new ApplicationHost(s => s.AddSingleton(recorder), typeof(PipelineTests).Assembly);
        var registered = new UserRegistered(Guid.CreateVersion7(), "bob@example.com");

        await host.Mediator.Publish(registered);

        Assert.Equal([registered], recorder.Received);
    }

    [Fact]
    public async Task Publish_WithoutTheExtraAssembly_DoesNotReachItsHandler()
    {
        var recorder = new EventRecorder();
        using var host = new ApplicationHost(s => s.AddSingleton(recorder));

        await host.Mediator.Publish(new UserRegistered(Guid.CreateVersion7(), "bob@example.com"));

        Assert.Empty(recorder.Received);
    }

    [Fact]
    public async Task Send_RequestFromAnExtraAssemblyWithNonResultResponse_ReachesItsHandler()
    {
        using var host = new ApplicationHost(s => s.AddSingleton(new EventRecorder()), typeof(PipelineTests).Assembly);

        Assert.Equal("pong: hi", await host.Mediator.Send(new Ping("hi")));
    }

    [Fact]
    public void AddApplication_WithoutAPasswordPolicy_RegistersTheDefaultOne()
    {
        using var host = new ApplicationHost(s => s.RemoveAll<IPasswordPolicy>());

        Assert.IsType<DefaultPasswordPolicy>(host.Services.GetRequiredService<IPasswordPolicy>());
    }

    [Fact]
    public void AddApplication_WithAPasswordPolicyAlreadyRegistered_KeepsIt()
    {
        using var host = new ApplicationHost();

        Assert.Same(host.Ports.Policy, host.Services.GetRequiredService<IPasswordPolicy>());
    }
}
