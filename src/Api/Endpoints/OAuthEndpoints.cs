using MediatR;
using Microsoft.Extensions.Options;
using Users.Api.Authentication;
using Users.Api.Authentication.Backends;
using Users.Api.Authentication.OAuth;
using Users.Api.Binding;
using Users.Api.Endpoints.Requests;
using Users.Api.Errors;
using Users.Api.RateLimiting;
using Users.Application.OAuth;
using Users.Application.OAuth.Commands.AssociateOAuthAccount;
using Users.Application.OAuth.Commands.SignInWithOAuth;
using Users.Application.OAuth.Commands.UnlinkOAuthAccount;
using Users.Application.OAuth.Queries.AuthorizeOAuth;
using Users.Application.OAuth.Queries.ListOAuthAccounts;
using Users.Application.Sessions;
using Users.Application.Settings;
using Users.Application.Users;

namespace Users.Api.Endpoints;

/// <summary>
/// FastAPI Users' OAuth routers for each configured provider: sign-in at <c>/auth/{provider}</c> (answered like a login of
/// the provider's backend) and linking at <c>/auth/associate/{provider}</c>; plus the linked accounts of the current
/// user under <c>/users/me/oauth-accounts</c> (extension).
/// </summary>
public static class OAuthEndpoints
{
    public static IEndpointRouteBuilder MapOAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        var backends = services.GetRequiredService<AuthBackendRegistry>().Backends;
        var refreshTokens = services.GetRequiredService<IOptions<UserManagementOptions>>().Value.RefreshTokens;
        foreach (var (name, provider) in services.GetRequiredService<IOptions<OAuthOptions>>().Value.Providers)
        {
            var backend = backends.First(b => string.Equals(b.Name, provider.Backend, StringComparison.Ordinal));
            MapSignIn(app, name, provider, backend, RefreshEndpoints.IssuesRefreshTokens(backend, refreshTokens));
            MapAssociate(app, name);
        }

        var accounts = app.MapGroup("/users/me/oauth-accounts").WithTags("oauth").RequireAuthorization(Policies.ActiveUser);
        accounts.MapGet("", ListAsync)
            .WithName("oauth:accounts")
            .WithSummary("The provider accounts linked to the authenticated user, oldest first; never their tokens (extension)")
            .Produces<IReadOnlyList<OAuthAccountRead>>()
            .ProducesError(StatusCodes.Status401Unauthorized);
        accounts.MapDelete("/{id}", UnlinkAsync)
            .WithName("oauth:unlink")
            .WithSummary("Unlink one of the authenticated user's provider accounts (extension)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesError(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);
        return app;
    }

    private static void MapSignIn(IEndpointRouteBuilder app, string name, OAuthProviderOptions provider, AuthBackend backend, bool withRefreshToken)
    {
        var callbackPath = $"/auth/{name}/callback";
        var group = app.MapGroup($"/auth/{name}").WithTags("auth");
        group.MapGet("/authorize", (HttpContext context, IMediator mediator, OAuthCsrfCookie csrf, CancellationToken cancellationToken) =>
                AuthorizeAsync(name, userId: null, callbackPath, context, mediator, csrf, cancellationToken))
            .WithName($"oauth:{name}.{backend.Name}.authorize")
            .WithSummary($"The {name} authorization URL to send the browser to (PKCE included); sets the CSRF cookie the callback checks")
            .Produces<OAuthAuthorizeResponse>()
            .ProducesError(StatusCodes.Status502BadGateway, StatusCodes.Status504GatewayTimeout);

        var callback = group.MapGet("/callback", (HttpContext context, IMediator mediator, OAuthCsrfCookie csrf, AuthCookies cookies, CancellationToken cancellationToken) =>
                SignInAsync(name, provider, backend, withRefreshToken, callbackPath, context, mediator, csrf, cookies, cancellationToken))
            .RequireRateLimiting(RateLimitPolicies.Login)
            .WithName($"oauth:{name}.{backend.Name}.callback")
            .WithSummary(provider.RedirectUrl is null
                ? $"Where {name} sends the browser back: signs the user in (creating or linking the account) and answers as the {backend.Name} backend's login"
                : $"Where {name} sends the browser back: signs the user in (creating or linking the account), sets the {backend.Name} cookie and redirects")
            .ProducesError(
                StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests, StatusCodes.Status502BadGateway, StatusCodes.Status504GatewayTimeout);
        _ = provider.RedirectUrl is not null ? callback.Produces(StatusCodes.Status302Found)
            : backend.Transport == BackendTransport.Cookie ? callback.Produces(StatusCodes.Status204NoContent)
            : callback.Produces<BearerResponse>();
    }

    private static void MapAssociate(IEndpointRouteBuilder app, string name)
    {
        var callbackPath = $"/auth/associate/{name}/callback";
        var group = app.MapGroup($"/auth/associate/{name}").WithTags("auth").RequireAuthorization(Policies.ActiveUser);
        group.MapGet("/authorize", (HttpContext context, IMediator mediator, OAuthCsrfCookie csrf, CancellationToken cancellationToken) =>
                AuthorizeAsync(name, context.CurrentAuthentication().User.Id, callbackPath, context, mediator, csrf, cancellationToken))
            .WithName($"oauth-associate:{name}.authorize")
            .WithSummary($"The {name} authorization URL that links a {name} account to the authenticated user")
            .Produces<OAuthAuthorizeResponse>()
            .ProducesError(StatusCodes.Status401Unauthorized, StatusCodes.Status502BadGateway, StatusCodes.Status504GatewayTimeout);
        group.MapGet("/callback", (HttpContext context, IMediator mediator, OAuthCsrfCookie csrf, CancellationToken cancellationToken) =>
                AssociateAsync(name, callbackPath, context, mediator, csrf, cancellationToken))
            .WithName($"oauth-associate:{name}.callback")
            .WithSummary($"Where {name} sends the browser back: links the account to the authenticated user")
            .Produces<UserRead>()
            .ProducesError(
                StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status502BadGateway, StatusCodes.Status504GatewayTimeout);
    }

    private static async Task<IResult> AuthorizeAsync(
        string provider, Guid? userId, string callbackPath, HttpContext context, IMediator mediator, OAuthCsrfCookie csrf, CancellationToken cancellationToken)
    {
        var scopes = context.Request.Query["scopes"].Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToArray();
        var result = await mediator.Send(new AuthorizeOAuthQuery(provider, CallbackUri(context, callbackPath), scopes, userId), cancellationToken);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Error, context);
        }

        csrf.Set(context.Response, result.Value.CsrfToken);
        return ResponseJson.Of(new OAuthAuthorizeResponse(result.Value.AuthorizationUrl.AbsoluteUri));
    }

    private static async Task<IResult> SignInAsync(
        string name, OAuthProviderOptions provider, AuthBackend backend, bool withRefreshToken, string callbackPath,
        HttpContext context, IMediator mediator, OAuthCsrfCookie csrf, AuthCookies cookies, CancellationToken cancellationToken)
    {
        var signIn = new SignInRequest(backend.Strategy, backend.Name, context.SessionClient(), withRefreshToken);
        var result = await mediator.Send(new SignInWithOAuthCommand(CallbackOf(name, callbackPath, context), signIn), cancellationToken);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Error, context);
        }

        csrf.Clear(context.Response);
        return LoginResponses.For(backend, result.Value, context, cookies, provider.RedirectUrl); // redirects: cookie backends only (validated)
    }

    private static async Task<IResult> AssociateAsync(
        string name, string callbackPath, HttpContext context, IMediator mediator, OAuthCsrfCookie csrf, CancellationToken cancellationToken)
    {
        var command = new AssociateOAuthAccountCommand(context.CurrentAuthentication().User.Id, CallbackOf(name, callbackPath, context));
        var result = await mediator.Send(command, cancellationToken);
        if (result.IsSuccess)
        {
            csrf.Clear(context.Response);
        }

        return result.ToJson(context);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new ListOAuthAccountsQuery(context.CurrentAuthentication().User.Id), cancellationToken)).ToJson(context);

    private static async Task<IResult> UnlinkAsync(string id, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        UserIds.TryParse(id, out var accountId)
            ? (await mediator.Send(new UnlinkOAuthAccountCommand(context.CurrentAuthentication().User.Id, accountId), cancellationToken)).ToNoContent(context)
            : Problems.Status(StatusCodes.Status404NotFound, context);

    private static OAuthCallback CallbackOf(string provider, string callbackPath, HttpContext context)
    {
        var query = context.Request.Query;
        return new OAuthCallback(
            provider, query["code"].FirstOrDefault(), query["error"].FirstOrDefault(), query["state"].FirstOrDefault(),
            OAuthCsrfCookie.Read(context.Request), CallbackUri(context, callbackPath));
    }

    // The provider must be sent back to this service as the client sees it (forwarded headers of trusted proxies applied).
    private static Uri CallbackUri(HttpContext context, string callbackPath) =>
        new($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{callbackPath}");
}
