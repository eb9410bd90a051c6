using Users.Domain.Common;

namespace Users.Domain.Users.Events;

/// <summary>A provider account was linked to a user (at sign-in by a new account, or by the associate flow).</summary>
public sealed record OAuthAccountLinked(Guid UserId, Guid OAuthAccountId, string OAuthName) : IDomainEvent;
