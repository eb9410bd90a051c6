using MediatR;
using Users.Domain.Common;

namespace Users.Application.Users.Commands.UpdateCurrentUser;

/// <summary>
/// A user changes their own address or password (<c>PATCH /users/me</c>); <c>null</c> means unchanged.
/// Flags are not part of it: the contract ignores them on this route.
/// </summary>
public sealed record UpdateCurrentUserCommand(Guid UserId, string? Email, string? Password) : IRequest<Result<UserRead>>;
