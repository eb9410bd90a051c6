using Users.Api.Authentication.Backends;
using Users.Application.Users;

namespace Users.Api.Authentication;

/// <summary>
/// The user the request authenticated as, with the token and the backend that vouched for it: resolved once by
/// the authentication handler and reused by endpoints (logout revokes exactly that token).
/// </summary>
public sealed record CurrentUserFeature(UserRead User, string AccessToken, AuthBackend Backend);
