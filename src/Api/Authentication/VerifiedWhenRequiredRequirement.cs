using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Users.Application.Settings;

namespace Users.Api.Authentication;

/// <summary>
/// The user is verified, or verification is not required (<c>Auth:RequireVerification</c>). Read per request
/// from the validated options, so the setting is checked at start-up like every other.
/// </summary>
public sealed class VerifiedWhenRequiredRequirement : AuthorizationHandler<VerifiedWhenRequiredRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, VerifiedWhenRequiredRequirement requirement)
    {
        var services = (context.Resource as HttpContext)?.RequestServices;
        var required = services?.GetRequiredService<IOptions<UserManagementOptions>>().Value.RequireVerification ?? true;
        if (!required || context.User.HasClaim(AuthSchemes.IsVerifiedClaim, "true"))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
