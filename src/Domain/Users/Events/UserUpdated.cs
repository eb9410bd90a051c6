using Users.Domain.Common;

namespace Users.Domain.Users.Events;

/// <summary>
/// A user was changed. <see cref="ChangedFields"/> names the fields that changed (contract names such as
/// <c>email</c>, <c>password</c>, <c>is_active</c>); values, and above all the password, are never carried.
/// </summary>
public sealed record UserUpdated(Guid UserId, IReadOnlyList<string> ChangedFields) : IDomainEvent;
