using Users.Application.Users;

namespace Users.Application.Auth.Commands.Login;

/// <summary>
/// The authenticated user, the access token issued for them, the session it belongs to, the session's refresh token
/// when one was asked for, and the access token's lifetime in seconds.
/// </summary>
public sealed record LoginResult(UserRead User, string AccessToken, Guid SessionId, string? RefreshToken, int ExpiresIn);
