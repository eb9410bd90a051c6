using Users.Domain.Common;

namespace Users.Application.Common.Events;

/// <summary>
/// A hook that runs inside the unit of work, before its commit: whatever it adds to the unit of work (a mail to the
/// <see cref="Abstractions.Mail.IEmailOutbox"/>, a row of its own) is committed in the same transaction as the change
/// that raised the event, and an exception it throws stores nothing. Use it for work that must not be lost when the
/// change is stored; use <see cref="IDomainEventHandler{TEvent}"/> for work that needs the commit to have happened.
/// <c>AddApplication</c> finds implementations by assembly scanning.
/// </summary>
public interface ITransactionalDomainEventHandler<in TEvent>
    where TEvent : IDomainEvent
{
    Task Handle(TEvent domainEvent, CancellationToken cancellationToken);
}
