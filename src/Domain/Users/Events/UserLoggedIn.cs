using Users.Domain.Common;

namespace Users.Domain.Users.Events;

/// <summary>A user proved their password at login.</summary>
public sealed record UserLoggedIn(Guid UserId, DateTimeOffset At) : IDomainEvent;
