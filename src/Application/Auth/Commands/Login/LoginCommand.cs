using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Domain.Common;

namespace Users.Application.Auth.Commands.Login;

/// <summary>
/// Password login. <see cref="Username"/> is the email, matched ignoring case. Unknown user,
/// wrong password and inactive user all fail the same way, in the same time. The token comes from the
/// access token strategy named <see cref="Strategy"/> (the backend's).
/// </summary>
public sealed record LoginCommand : IRequest<Result<LoginResult>>, IRetryOnConflict
{
    public string? Username { get; init; }

    public string? Password { get; init; }

    public string Strategy { get; init; } = AccessTokenStrategyNames.Jwt;
}
