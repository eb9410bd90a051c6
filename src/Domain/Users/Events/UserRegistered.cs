using Users.Domain.Common;

namespace Users.Domain.Users.Events;

/// <summary>A user account was created (by registration or by an administrator).</summary>
public sealed record UserRegistered(Guid UserId, string Email) : IDomainEvent;
