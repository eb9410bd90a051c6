using Microsoft.AspNetCore.Authorization;
using Users.Api.Authentication.Backends;

namespace Users.Api.Authentication;

/// <summary>The authorization policies of the contract.</summary>
public static class Policies
{
    /// <summary>An existing, active user (and verified, when verification is required), through any backend.</summary>
    public const string ActiveUser = nameof(ActiveUser);

    /// <summary>An active user who is a superuser.</summary>
    public const string Superuser = nameof(Superuser);

    /// <summary>An active user authenticated by the named backend itself (its logout revokes that backend's token).</summary>
    public static string ActiveUserOf(AuthBackend backend) => $"{ActiveUser}:{backend.Name}";

    public static AuthorizationBuilder AddUserPolicies(this AuthorizationBuilder builder, IEnumerable<AuthBackend> backends)
    {
        // No scheme named: the default scheme (every backend) already authenticated the request in UseAuthentication,
        // and naming it would make the policy evaluator authenticate again and rebuild the principal on every call.
        builder.AddPolicy(ActiveUser, p => Active(p));
        builder.AddPolicy(Superuser, p => Active(p).RequireClaim(AuthSchemes.IsSuperuserClaim, "true"));
        foreach (var backend in backends)
        {
            builder.AddPolicy(ActiveUserOf(backend), p => Active(p.AddAuthenticationSchemes(backend.Name)));
        }

        return builder;
    }

    // Inactive users never authenticate (401); verification is checked on authenticated users only (403).
    private static AuthorizationPolicyBuilder Active(AuthorizationPolicyBuilder policy) =>
        policy.RequireAuthenticatedUser().AddRequirements(new VerifiedWhenRequiredRequirement());
}
