namespace Users.Application.Users;

/// <summary>
/// What resolving the current user needs and nothing more: the user as clients see it, the security stamp that
/// tokens are checked against, and the token's session with its last recorded use (<c>null</c>: no such session of
/// this user, so the token is dead). Read without the password hash or timestamps on every authenticated call.
/// </summary>
public sealed record UserAccess(UserRead User, string SecurityStamp, Guid SessionId, DateTimeOffset? SessionLastUsedAt);
