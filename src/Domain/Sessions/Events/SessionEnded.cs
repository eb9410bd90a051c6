using Users.Domain.Common;

namespace Users.Domain.Sessions.Events;

/// <summary>A session was ended before its time (logout, revoked by its user or a superuser, refresh token reuse).</summary>
public sealed record SessionEnded(Guid SessionId, Guid UserId, SessionEndReason Reason) : IDomainEvent;
