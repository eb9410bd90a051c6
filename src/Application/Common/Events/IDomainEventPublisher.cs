using Users.Domain.Common;

namespace Users.Application.Common.Events;

/// <summary>
/// Hands a domain event to every <see cref="IDomainEventHandler{TEvent}"/> of its type, one after the other; an
/// exception of a handler ends the publication and reaches the caller. The unit of work publishes after its commit;
/// a use case may publish before one (a deletion's <c>UserDeleting</c>), so that a throwing handler stops it.
/// </summary>
public interface IDomainEventPublisher
{
    Task PublishAsync(IDomainEvent domainEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Hands the event to every <see cref="ITransactionalDomainEventHandler{TEvent}"/> of its type; the unit of work calls
    /// this before its commit, and an exception ends the commit before anything is stored.
    /// </summary>
    Task PublishBeforeCommitAsync(IDomainEvent domainEvent, CancellationToken cancellationToken);
}
