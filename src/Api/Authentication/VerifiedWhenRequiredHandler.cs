using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Users.Application.Settings;

namespace Users.Api.Authentication;

/// <summary>
/// Checks <see cref="VerifiedWhenRequiredRequirement"/> against the validated options (so the setting is checked at
/// start-up like every other). A singleton: it runs on every authorized request.
/// </summary>
public sealed class VerifiedWhenRequiredHandler(IOptions<UserManagementOptions> options) : AuthorizationHandler<VerifiedWhenRequiredRequirement>
{
    private readonly bool _required = options.Value.RequireVerification;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, VerifiedWhenRequiredRequirement requirement)
    {
        if (!_required || context.User.HasClaim(AuthSchemes.IsVerifiedClaim, "true"))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
