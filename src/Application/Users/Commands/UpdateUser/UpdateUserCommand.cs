using MediatR;
using Users.Domain.Common;

namespace Users.Application.Users.Commands.UpdateUser;

/// <summary>A superuser changes any field of a user (<c>PATCH /users/{id}</c>); <c>null</c> means unchanged.</summary>
public sealed record UpdateUserCommand(
    Guid Id,
    string? Email = null,
    string? Password = null,
    bool? IsActive = null,
    bool? IsSuperuser = null,
    bool? IsVerified = null) : IRequest<Result<UserRead>>;
