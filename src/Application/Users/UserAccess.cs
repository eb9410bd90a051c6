namespace Users.Application.Users;

/// <summary>
/// What resolving the current user needs and nothing more: the user as clients see it, plus the security stamp
/// that tokens are checked against. Read without the password hash or timestamps on every authenticated call.
/// </summary>
public sealed record UserAccess(UserRead User, string SecurityStamp);
