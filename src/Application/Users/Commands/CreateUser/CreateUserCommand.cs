using MediatR;
using Users.Domain.Common;

namespace Users.Application.Users.Commands.CreateUser;

/// <summary>
/// Programmatic creation (command line, seeding) with the flags set as asked. Same rules and
/// error codes as registration: it is how the first superuser comes to be.
/// </summary>
public sealed record CreateUserCommand(
    string? Email,
    string? Password,
    bool IsActive = true,
    bool IsSuperuser = false,
    bool IsVerified = false) : IRequest<Result<UserRead>>;
