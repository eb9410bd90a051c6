using Users.Application.Users;

namespace Users.Application.Auth.Commands.Login;

/// <summary>The authenticated user and the access token issued for them.</summary>
public sealed record LoginResult(UserRead User, string AccessToken);
