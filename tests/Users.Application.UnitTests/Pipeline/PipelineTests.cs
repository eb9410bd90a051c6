using Mapster;
using MapsterMapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NSubstitute;
using Users.Application.Abstractions.Security;
using Users.Application.Security;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users.Commands.CreateUser;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.UnitTests.Pipeline;

/// <summary>The mediator as <c>AddApplication</c> registers it: handlers, behaviors and the defaults it supplies.</summary>
public sealed class PipelineTests
{
    private static CreateUserCommand Register(string email) => new() { Email = email, Password = "correct horse battery" };

    [Fact]
    public async Task Send_InvalidCommand_ReturnsValidationFailureWithoutTouchingAnyPort()
    {
        using var host = new ApplicationHost();

        var result = await host.Mediator.Send(Register("not-an-email"));

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

        var result = await host.Mediator.Send(Register("bob@example.com"));

        Assert.Equal("bob@example.com", ResultAssert.Succeeded(result).Email);
        host.Ports.Users.Received(1).Add(Arg.Is<User>(u => u.Email == "bob@example.com"));
        await host.Ports.UnitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Send_HandlerFailure_PassesTheFailedResultThrough()
    {
        using var host = new ApplicationHost();
        host.Ports.TakeEmail("bob@example.com");

        var result = await host.Mediator.Send(Register("bob@example.com"));

        ResultAssert.Failed(result, "REGISTER_USER_ALREADY_EXISTS");
        host.Ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Send_RequestFromAnExtraAssemblyWithNonResultResponse_ReachesItsHandler()
    {
        using var host = new ApplicationHost(extraAssemblies: typeof(PipelineTests).Assembly);

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

    [Fact]
    public void AddApplication_WithoutAClock_RegistersTheSystemClock()
    {
        using var host = new ApplicationHost(s => s.RemoveAll<TimeProvider>());

        Assert.Same(TimeProvider.System, host.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddApplication_RegistersOneMapperFromTheCompiledConfiguration()
    {
        using var host = new ApplicationHost();

        var mapper = host.Services.GetRequiredService<IMapper>();

        Assert.Same(mapper, host.Services.GetRequiredService<IMapper>());
        Assert.Same(host.Services.GetRequiredService<TypeAdapterConfig>(), mapper.Config);
    }
}
