using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Users.Domain.Common;

namespace Users.Application.Common.Events;

/// <summary>
/// Resolves the handlers of an event's runtime type from the request's scope (hooks may use scoped services such as
/// the database context). The generic dispatch per event type is built once and cached.
/// </summary>
public sealed class DomainEventPublisher(IServiceProvider services) : IDomainEventPublisher
{
    private static readonly ConcurrentDictionary<Type, Func<IServiceProvider, IDomainEvent, CancellationToken, Task>> Dispatchers = new();

    private static readonly ConcurrentDictionary<Type, Func<IServiceProvider, IDomainEvent, CancellationToken, Task>> BeforeCommitDispatchers = new();

    private static readonly MethodInfo PublishTypedMethod =
        typeof(DomainEventPublisher).GetMethod(nameof(PublishTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo PublishBeforeCommitTypedMethod =
        typeof(DomainEventPublisher).GetMethod(nameof(PublishBeforeCommitTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public Task PublishAsync(IDomainEvent domainEvent, CancellationToken cancellationToken) =>
        Dispatch(Dispatchers, PublishTypedMethod, domainEvent, cancellationToken);

    public Task PublishBeforeCommitAsync(IDomainEvent domainEvent, CancellationToken cancellationToken) =>
        Dispatch(BeforeCommitDispatchers, PublishBeforeCommitTypedMethod, domainEvent, cancellationToken);

    private Task Dispatch(
        ConcurrentDictionary<Type, Func<IServiceProvider, IDomainEvent, CancellationToken, Task>> cache,
        MethodInfo typedMethod,
        IDomainEvent domainEvent,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var dispatch = cache.GetOrAdd(domainEvent.GetType(), type =>
            typedMethod.MakeGenericMethod(type).CreateDelegate<Func<IServiceProvider, IDomainEvent, CancellationToken, Task>>());
        return dispatch(services, domainEvent, cancellationToken);
    }

    private static async Task PublishTypedAsync<TEvent>(IServiceProvider services, IDomainEvent domainEvent, CancellationToken cancellationToken)
        where TEvent : IDomainEvent
    {
        foreach (var handler in services.GetServices<IDomainEventHandler<TEvent>>())
        {
            await handler.Handle((TEvent)domainEvent, cancellationToken);
        }
    }

    private static async Task PublishBeforeCommitTypedAsync<TEvent>(IServiceProvider services, IDomainEvent domainEvent, CancellationToken cancellationToken)
        where TEvent : IDomainEvent
    {
        foreach (var handler in services.GetServices<ITransactionalDomainEventHandler<TEvent>>())
        {
            await handler.Handle((TEvent)domainEvent, cancellationToken);
        }
    }
}
