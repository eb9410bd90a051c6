using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Users.Application.Users.Queries.GetCurrentUser;

namespace Users.Api.Authentication.Backends;

/// <summary>
/// Authenticates a request through one backend: takes the token from its transport (bearer header or cookie) and
/// resolves the user through <see cref="GetCurrentUserQuery"/> with its strategy (valid token, existing active user,
/// same security stamp). Shared by the default scheme, which tries every backend itself rather than through the
/// authentication service (one handler per request instead of one per backend), and by each backend's own scheme.
/// A singleton that asks the request's own mediator: one scoped service fewer to resolve on every request.
/// </summary>
public sealed class BackendAuthenticator(IOptions<CookieTransportOptions> cookie)
{
    public async Task<AuthenticateResult> AuthenticateAsync(HttpContext context, AuthBackend backend, string scheme)
    {
        // The default scheme already resolved this backend's user in this request (logout routes ask again by name).
        if (context.Features.Get<CurrentUserFeature>() is { } resolved && ReferenceEquals(resolved.Backend, backend))
        {
            return Success(resolved, scheme);
        }

        var token = backend.Transport == BackendTransport.Cookie
            ? NonEmpty(context.Request.Cookies[cookie.Value.Name])
            : BearerToken.From(context.Request.Headers.Authorization);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var mediator = context.RequestServices.GetRequiredService<IMediator>();
        var result = await mediator.Send(new GetCurrentUserQuery(token, backend.Strategy), context.RequestAborted);
        if (!result.IsSuccess)
        {
            return AuthenticateResult.Fail("The access token is not valid.");
        }

        var current = new CurrentUserFeature(result.Value.User, result.Value.SecurityStamp, result.Value.SessionId, token, backend);
        context.Features.Set(current);
        return Success(current, scheme);
    }

    private static AuthenticateResult Success(CurrentUserFeature current, string scheme)
    {
        var user = current.User;
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new Claim(AuthSchemes.IsSuperuserClaim, user.IsSuperuser ? "true" : "false"),
                new Claim(AuthSchemes.IsVerifiedClaim, user.IsVerified ? "true" : "false"),
            ],
            scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), scheme));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
