using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Users.Application.Common.Events;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Common;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.Common;

public sealed class DomainEventPublisherTests : IDisposable
{
    private readonly IDomainEventHandler<UserRegistered> _first = Substitute.For<IDomainEventHandler<UserRegistered>>();
    private readonly IDomainEventHandler<UserRegistered> _second = Substitute.For<IDomainEventHandler<UserRegistered>>();
    private readonly IDomainEventHandler<UserDeleted> _other = Substitute.For<IDomainEventHandler<UserDeleted>>();
    private readonly ServiceProvider _provider;

    public DomainEventPublisherTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_first);
        services.AddSingleton(_second);
        services.AddSingleton(_other);
        services.AddScoped<EventRecorder>();
        services.AddTransient<IDomainEventHandler<UserRegistered>, RecordUserRegistered>();
        services.AddScoped<IDomainEventPublisher, DomainEventPublisher>();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public void Dispose() => _provider.Dispose();

    private static UserRegistered Registered() => new(Guid.CreateVersion7(), "alice@example.com");

    private static Task Publish(IServiceScope scope, IDomainEvent domainEvent, CancellationToken cancellationToken = default) =>
        scope.ServiceProvider.GetRequiredService<IDomainEventPublisher>().PublishAsync(domainEvent, cancellationToken);

    [Fact]
    public async Task PublishAsync_EventTypedAsTheInterface_ReachesEveryHandlerOfItsRuntimeTypeInRegistrationOrder()
    {
        using var scope = _provider.CreateScope();
        IDomainEvent registered = Registered();

        await Publish(scope, registered);

        Received.InOrder(() =>
        {
            _first.Handle((UserRegistered)registered, Arg.Any<CancellationToken>());
            _second.Handle((UserRegistered)registered, Arg.Any<CancellationToken>());
        });
        Assert.Equal([registered], scope.ServiceProvider.GetRequiredService<EventRecorder>().Received);
        Assert.Empty(_other.ReceivedCalls());
    }

    [Fact]
    public async Task PublishAsync_EventWithoutHandlers_CompletesWithoutCallingAny()
    {
        using var scope = _provider.CreateScope();

        await Publish(scope, new UserVerified(Guid.CreateVersion7(), "alice@example.com"));

        Assert.Empty(_first.ReceivedCalls());
        Assert.Empty(_other.ReceivedCalls());
    }

    [Fact]
    public async Task PublishAsync_WhenAHandlerThrows_LetsTheExceptionThroughAndSkipsTheRest()
    {
        using var scope = _provider.CreateScope();
        _first.Handle(Arg.Any<UserRegistered>(), Arg.Any<CancellationToken>())
            .Returns(_ => Task.FromException(new InvalidOperationException("hook failed")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Publish(scope, Registered()));

        Assert.Empty(_second.ReceivedCalls());
        Assert.Empty(scope.ServiceProvider.GetRequiredService<EventRecorder>().Received);
    }

    [Fact]
    public async Task PublishAsync_PassesTheCancellationTokenToEachHandler()
    {
        using var scope = _provider.CreateScope();
        using var cts = new CancellationTokenSource();
        var registered = Registered();

        await Publish(scope, registered, cts.Token);

        await _first.Received(1).Handle(registered, cts.Token);
        await _second.Received(1).Handle(registered, cts.Token);
    }

    [Fact]
    public async Task PublishAsync_ResolvesHandlersFromThePublishersScope()
    {
        using var request = _provider.CreateScope();
        using var otherRequest = _provider.CreateScope();
        var registered = Registered();

        await Publish(request, registered);

        Assert.Equal([registered], request.ServiceProvider.GetRequiredService<EventRecorder>().Received);
        Assert.Empty(otherRequest.ServiceProvider.GetRequiredService<EventRecorder>().Received);
    }

    [Fact]
    public async Task PublishAsync_SecondEventOfTheSameType_ReachesTheHandlersAgain()
    {
        using var scope = _provider.CreateScope();

        await Publish(scope, Registered());
        await Publish(scope, Registered());

        await _first.Received(2).Handle(Arg.Any<UserRegistered>(), Arg.Any<CancellationToken>());
        Assert.Equal(2, scope.ServiceProvider.GetRequiredService<EventRecorder>().Received.Count);
    }

    [Fact]
    public async Task PublishAsync_NullEvent_Throws()
    {
        using var scope = _provider.CreateScope();

        await Assert.ThrowsAsync<ArgumentNullException>(() => Publish(scope, null!));
    }
}
