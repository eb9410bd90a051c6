using Users.Domain.Common;

namespace Users.Application.Common.Events;

/// <summary>
/// A hook on a domain event (FastAPI Users' <c>on_after_*</c>). Implement it for each event a class cares about;
/// <c>AddApplication</c> finds the class by assembly scanning. Runs once per committed change (see
/// <see cref="IDomainEventPublisher"/>).
/// </summary>
public interface IDomainEventHandler<in TEvent>
    where TEvent : IDomainEvent
{
    Task Handle(TEvent domainEvent, CancellationToken cancellationToken);
}
