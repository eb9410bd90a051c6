using Users.Domain.Common;

namespace Users.Domain.Sessions.Events;

/// <summary>A login started a session (on any backend).</summary>
public sealed record SessionStarted(Guid SessionId, Guid UserId) : IDomainEvent;
