using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Domain.Common;
using Users.Domain.Sessions;

namespace Users.Application.Auth.Commands.Login;

/// <summary>
/// Password login. <see cref="Username"/> is the email, matched ignoring case. Unknown user,
/// wrong password and inactive user all fail the same way, in the same time. The token comes from the
/// access token strategy named <see cref="Strategy"/> (the backend's), for a new session started through
/// <see cref="Backend"/> by <see cref="Client"/>.
/// </summary>
public sealed record LoginCommand : IRequest<Result<LoginResult>>, IRetryOnConflict
{
    public string? Username { get; init; }

    public string? Password { get; init; }

    public string Strategy { get; init; } = AccessTokenStrategyNames.Jwt;

    /// <summary>The backend's name, recorded on the session.</summary>
    public string Backend { get; init; } = AccessTokenStrategyNames.Jwt;

    /// <summary>Whether the session also gets a refresh token (bearer + JWT backends, when refresh tokens are enabled).</summary>
    public bool WithRefreshToken { get; init; }

    /// <summary>The client's address and user agent, recorded on the session.</summary>
    public SessionClient Client { get; init; } = SessionClient.Unknown;
}
