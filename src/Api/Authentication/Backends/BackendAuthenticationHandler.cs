using System.Security.Claims;
using System.Text.Encodings.Web;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Users.Application.Users.Queries.GetCurrentUser;

namespace Users.Api.Authentication.Backends;

/// <summary>
/// One backend: takes the token from its transport (bearer header or cookie) and resolves the user through
/// <see cref="GetCurrentUserQuery"/> with its strategy (valid token, existing active user, same security stamp).
/// </summary>
public sealed class BackendAuthenticationHandler(
    IOptionsMonitor<BackendAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<CookieTransportOptions> cookie,
    IMediator mediator) : ContractAuthenticationHandler<BackendAuthenticationOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var backend = Options.Backend;
        var token = backend.Transport == BackendTransport.Cookie
            ? NonEmpty(Request.Cookies[cookie.Value.Name])
            : BearerToken.From(Request.Headers.Authorization);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var result = await mediator.Send(new GetCurrentUserQuery(token, backend.Strategy), Context.RequestAborted);
        if (!result.IsSuccess)
        {
            return AuthenticateResult.Fail("The access token is not valid.");
        }

        var user = result.Value;
        Context.Features.Set(new CurrentUserFeature(user, token, backend));
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new Claim(AuthSchemes.IsSuperuserClaim, user.IsSuperuser ? "true" : "false"),
                new Claim(AuthSchemes.IsVerifiedClaim, user.IsVerified ? "true" : "false"),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
