using Users.Domain.Common;

namespace Users.Domain.Users.Events;

/// <summary>"Log out everywhere": every session of the user ended.</summary>
public sealed record SignedOutEverywhere(Guid UserId) : IDomainEvent;
