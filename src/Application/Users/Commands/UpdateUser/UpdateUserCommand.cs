using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;

namespace Users.Application.Users.Commands.UpdateUser;

/// <summary>
/// Changes a user (<c>PATCH /users/{id}</c>, and <c>PATCH /users/me</c> with <see cref="BySelf"/>). Unset members
/// stay as they are; a <c>null</c> password means unchanged too, a <c>null</c> address or flag is refused. Applied in
/// the contract's order: password, email, is_active, is_superuser, is_verified.
/// </summary>
public sealed record UpdateUserCommand : UserFields, IRequest<Result<UserRead>>, IRetryOnConflict
{
    public required Guid Id { get; init; }

    public Optional<string?> Email { get; init; }

    public Optional<string?> Password { get; init; }

    /// <summary>The caller's password, asked for when <c>Auth:RequireCurrentPassword</c> is set (only with <see cref="BySelf"/>).</summary>
    public string? CurrentPassword { get; init; }

    /// <summary>
    /// The user changes themselves: the flags are ignored (a caller should drop them before sending, so that
    /// validation does not refuse a <c>null</c> one either), and a user deleted or deactivated since the request was
    /// authenticated is no longer authorized (instead of "not found").
    /// </summary>
    public bool BySelf { get; init; }
}
