using Users.Domain.Common;

namespace Users.Domain.Users.Events;

/// <summary>A user set a new password with a reset token.</summary>
public sealed record PasswordReset(Guid UserId) : IDomainEvent;
