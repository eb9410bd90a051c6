using MediatR;
using Users.Domain.Common;

namespace Users.Application.Users.Commands.ClearLockout;

/// <summary>Ends a user's login lockout and forgets its failures (<c>DELETE /users/{id}/lockout</c>, superuser).</summary>
public sealed record ClearLockoutCommand(Guid UserId) : IRequest<Result>;
