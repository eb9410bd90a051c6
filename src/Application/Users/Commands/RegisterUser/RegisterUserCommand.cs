using MediatR;
using Users.Domain.Common;

namespace Users.Application.Users.Commands.RegisterUser;

/// <summary>Self-service sign-up. The new user is active, not a superuser and not verified.</summary>
public sealed record RegisterUserCommand(string? Email, string? Password) : IRequest<Result<UserRead>>;
