using Users.Domain.Common;

namespace Users.Domain.Users.Events;

/// <summary>Every token issued to the user so far stopped working (password change or reset, deactivation, log out everywhere); database tokens are deleted in response.</summary>
public sealed record SecurityStampRotated(Guid UserId) : IDomainEvent;
