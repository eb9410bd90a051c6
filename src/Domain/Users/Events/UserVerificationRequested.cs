using Users.Domain.Common;

namespace Users.Domain.Users.Events;

/// <summary>Verification was asked for an active, unverified user; <see cref="Token"/> goes into the email link.</summary>
public sealed record UserVerificationRequested(Guid UserId, string Email, string Token) : IDomainEvent;
