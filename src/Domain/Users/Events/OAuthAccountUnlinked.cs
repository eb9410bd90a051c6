using Users.Domain.Common;

namespace Users.Domain.Users.Events;

/// <summary>A provider account was unlinked from a user; it no longer signs them in.</summary>
public sealed record OAuthAccountUnlinked(Guid UserId, Guid OAuthAccountId, string OAuthName) : IDomainEvent;
