using Users.Domain.Common;

namespace Users.Domain.Users.Events;

/// <summary>A user proved they own their email address.</summary>
public sealed record UserVerified(Guid UserId, string Email) : IDomainEvent;
