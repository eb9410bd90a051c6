using Users.Domain.Common;

namespace Users.Domain.Users.Events;

/// <summary>A user was deleted; raised once the deletion is committed.</summary>
public sealed record UserDeleted(Guid UserId, string Email) : IDomainEvent;
