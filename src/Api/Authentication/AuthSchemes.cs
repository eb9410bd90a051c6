namespace Users.Api.Authentication;

/// <summary>Names of the authentication backends and the claims the current user is described by.</summary>
public static class AuthSchemes
{
    /// <summary>Bearer transport + JWT strategy, mounted at <c>/auth/jwt</c>.</summary>
    public const string Jwt = "jwt";

    public const string IsSuperuserClaim = "is_superuser";
    public const string IsVerifiedClaim = "is_verified";
}
