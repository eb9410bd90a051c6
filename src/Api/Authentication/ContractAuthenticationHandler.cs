using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Users.Api.Errors;

namespace Users.Api.Authentication;

/// <summary>
/// Base of this service's authentication handlers: challenges and forbids answer with the contract's bare
/// 401/403 bodies and no <c>WWW-Authenticate</c> header.
/// </summary>
public abstract class ContractAuthenticationHandler<TOptions>(IOptionsMonitor<TOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<TOptions>(options, logger, encoder)
    where TOptions : AuthenticationSchemeOptions, new()
{
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.WriteStatusAsync(Context, StatusCodes.Status401Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteStatusAsync(Context, StatusCodes.Status403Forbidden);
}
