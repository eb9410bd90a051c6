using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Users;
using Users.Domain.Common;

namespace Users.Application.Auth.Commands.Verify;

/// <summary>Verifies the address a verification token was issued for (an inactive user can be verified; it stays inactive).</summary>
public sealed record VerifyCommand : IRequest<Result<UserRead>>, IRetryOnConflict
{
    public string? Token { get; init; }
}
