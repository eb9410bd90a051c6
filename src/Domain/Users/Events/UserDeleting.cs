using Users.Domain.Common;

namespace Users.Domain.Users.Events;

/// <summary>A user is about to be deleted. Published before the deletion is committed, so handlers can still read what belongs to the user; if the deletion then fails, no <see cref="UserDeleted"/> follows.</summary>
public sealed record UserDeleting(Guid UserId, string Email) : IDomainEvent;
