using Users.Domain.Common;

namespace Users.Domain.Users.Events;

/// <summary>An active user asked to reset their password; <see cref="Token"/> goes into the email link.</summary>
public sealed record ForgotPasswordRequested(Guid UserId, string Email, string Token) : IDomainEvent;
