namespace Users.Api.Authentication;

/// <summary>Names of the authentication backends and the claims the current user is described by.</summary>
public static class AuthSchemes
{
    /// <summary>The default scheme: every configured backend, tried in order.</summary>
    public const string AnyBackend = "any-backend";

    public const string IsSuperuserClaim = "is_superuser";
    public const string IsVerifiedClaim = "is_verified";
}
