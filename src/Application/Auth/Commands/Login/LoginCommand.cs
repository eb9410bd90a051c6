using MediatR;
using Users.Domain.Common;

namespace Users.Application.Auth.Commands.Login;

/// <summary>
/// Password login. <paramref name="Username"/> is the email, matched ignoring case. Unknown user,
/// wrong password and inactive user all fail the same way, in the same time. The token comes from the
/// access token strategy named <paramref name="Strategy"/> (the backend's).
/// </summary>
public sealed record LoginCommand(string? Username, string? Password, string Strategy = "jwt") : IRequest<Result<LoginResult>>;
