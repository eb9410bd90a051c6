using MediatR;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.Pipeline;

/// <summary>A hook defined outside the Application assembly, as an application developer would add one.</summary>
public sealed class RecordUserRegistered(EventRecorder recorder) : INotificationHandler<UserRegistered>
{
    public Task Handle(UserRegistered notification, CancellationToken cancellationToken)
    {
        recorder.Received.Add(notification);
        return Task.CompletedTask;
    }
}
