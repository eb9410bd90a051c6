using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.Pipeline;

/// <summary>Collects what <see cref="RecordUserRegistered"/> received.</summary>
public sealed class EventRecorder
{
    public List<UserRegistered> Received { get; } = [];
}
