using Users.Api.Authentication.Backends;
using Users.Application.Users;

namespace Users.Api.Authentication;

/// <summary>
/// The user the request authenticated as, with the token and the backend that vouched for it: resolved once by
/// the authentication handler and reused by endpoints (logout revokes exactly that token).
/// The security stamp is the one the token was checked against (log out everywhere compares it with the stored one);
/// the session is the token's (logout ends it, the session list marks it as current).
/// </summary>
public sealed record CurrentUserFeature(UserRead User, string SecurityStamp, Guid SessionId, string AccessToken, AuthBackend Backend);
