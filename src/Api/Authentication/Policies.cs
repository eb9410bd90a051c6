using Microsoft.AspNetCore.Authorization;

namespace Users.Api.Authentication;

/// <summary>The authorization policies of the contract.</summary>
public static class Policies
{
    /// <summary>An existing, active user (and verified, when verification is required).</summary>
    public const string ActiveUser = nameof(ActiveUser);

    /// <summary>An active user who is a superuser.</summary>
    public const string Superuser = nameof(Superuser);

    public static AuthorizationBuilder AddUserPolicies(this AuthorizationBuilder builder)
    {
        builder.AddPolicy(ActiveUser, p => Active(p));
        builder.AddPolicy(Superuser, p => Active(p).RequireClaim(AuthSchemes.IsSuperuserClaim, "true"));
        return builder;
    }

    // Inactive users never authenticate (401); verification is checked on authenticated users only (403).
    private static AuthorizationPolicyBuilder Active(AuthorizationPolicyBuilder policy) =>
        policy.AddAuthenticationSchemes(AuthSchemes.Jwt)
            .RequireAuthenticatedUser()
            .AddRequirements(new VerifiedWhenRequiredRequirement());
}
