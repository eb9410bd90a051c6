using System.Security.Claims;
using System.Text.Encodings.Web;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Users.Api.Errors;
using Users.Application.Users.Queries.GetCurrentUser;

namespace Users.Api.Authentication;

/// <summary>
/// The bearer + JWT backend: reads the bearer token and resolves the user through
/// <see cref="GetCurrentUserQuery"/> (valid token, existing active user, same security stamp).
/// Challenges and forbids answer with the contract's bare 401/403 bodies and no <c>WWW-Authenticate</c>.
/// </summary>
public sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IMediator mediator) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken.From(Request.Headers.Authorization);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var result = await mediator.Send(new GetCurrentUserQuery(token), Context.RequestAborted);
        if (!result.IsSuccess)
        {
            return AuthenticateResult.Fail("The access token is not valid.");
        }

        var user = result.Value;
        Context.Features.Set(new CurrentUserFeature(user, token));
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new Claim(AuthSchemes.IsSuperuserClaim, user.IsSuperuser ? "true" : "false"),
                new Claim(AuthSchemes.IsVerifiedClaim, user.IsVerified ? "true" : "false"),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.WriteStatusAsync(Context, StatusCodes.Status401Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteStatusAsync(Context, StatusCodes.Status403Forbidden);
}
