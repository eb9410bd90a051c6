using MediatR;
using Users.Domain.Common;

namespace Users.Application.Users.Commands.CreateUser;

/// <summary>
/// Creates a user: self-service registration (its request's flags dropped, so the user is active, not a superuser
/// and not verified) and the command line (flags as asked, how the first superuser comes to be). Same rules and error
/// codes for both: the password policy first, then the address.
/// </summary>
public sealed record CreateUserCommand : UserFields, IRequest<Result<UserRead>>
{
    public string? Email { get; init; }

    public string? Password { get; init; }
}
