using Users.Application.Common.Events;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.TestSupport;

/// <summary>
/// A hook defined outside the Application assembly, as an application developer would add one: found only when this
/// assembly is passed to <c>AddApplication</c>.
/// </summary>
public sealed class RecordUserRegistered(EventRecorder recorder) : IDomainEventHandler<UserRegistered>
{
    public Task Handle(UserRegistered domainEvent, CancellationToken cancellationToken)
    {
        recorder.Received.Add(domainEvent);
        return Task.CompletedTask;
    }
}
