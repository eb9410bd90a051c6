using Users.Application.Users;

namespace Users.Api.Authentication;

/// <summary>The user the request authenticated as, resolved once by the authentication handler and reused by endpoints.</summary>
public sealed record CurrentUserFeature(UserRead User, string AccessToken);
