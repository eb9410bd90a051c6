using Users.Application.Abstractions.Security;
using Users.Domain.Sessions;

namespace Users.Application.Sessions;

/// <summary>
/// How a sign-in is answered: with a token of the strategy named <see cref="Strategy"/> (the backend's), for a session
/// started through <see cref="Backend"/> by <see cref="Client"/>, with a refresh token when <see cref="WithRefreshToken"/>.
/// </summary>
public sealed record SignInRequest(string Strategy, string Backend, SessionClient Client, bool WithRefreshToken)
{
    public static readonly SignInRequest Default = new(AccessTokenStrategyNames.Jwt, AccessTokenStrategyNames.Jwt, SessionClient.Unknown, WithRefreshToken: false);
}
