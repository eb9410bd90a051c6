using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;

namespace Users.Application.Auth.Commands.ResetPassword;

/// <summary>
/// Sets a new password with a reset token. The token works once: it names the password hash it was issued
/// for, and the reset replaces that hash. A password the policy refuses leaves the token usable.
/// </summary>
public sealed record ResetPasswordCommand : IRequest<Result>, IRetryOnConflict
{
    public string? Token { get; init; }

    public string? Password { get; init; }
}
