using Users.Domain.Common;

namespace Users.Application.UnitTests.TestSupport;

/// <summary>Collects what <see cref="RecordUserRegistered"/> received (scoped in <see cref="ApplicationHost"/>, like a request's state).</summary>
public sealed class EventRecorder
{
    public List<IDomainEvent> Received { get; } = [];
}
