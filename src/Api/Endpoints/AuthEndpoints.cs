using MapsterMapper;
using MediatR;
using Microsoft.Extensions.Options;
using Users.Api.Authentication;
using Users.Api.Authentication.Backends;
using Users.Api.Binding;
using Users.Api.Endpoints.Requests;
using Users.Api.Errors;
using Users.Api.RateLimiting;
using Users.Application.Auth.Commands.Login;
using Users.Application.Sessions.Commands.EndSession;
using Users.Application.Settings;
using Users.Domain.Sessions;

namespace Users.Api.Endpoints;

/// <summary>Each configured backend's login and logout, mounted at <c>/auth/{backend}</c>.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var backend in app.ServiceProvider.GetRequiredService<AuthBackendRegistry>().Backends)
        {
            MapBackend(app, backend);
        }

        return app;
    }

    private static void MapBackend(IEndpointRouteBuilder app, AuthBackend backend)
    {
        var group = app.MapGroup($"/auth/{backend.Name}").WithTags("auth");
        var cookie = backend.Transport == BackendTransport.Cookie;
        var withRefreshToken = RefreshEndpoints.IssuesRefreshTokens(
            backend, app.ServiceProvider.GetRequiredService<IOptions<UserManagementOptions>>().Value.RefreshTokens);
        var login = group.MapPost("/login", (HttpContext context, IMediator mediator, IMapper mapper, AuthCookies cookies, CancellationToken cancellationToken) =>
                LoginAsync(backend, withRefreshToken, context, mediator, mapper, cookies, cancellationToken))
            .WithFormBody<LoginForm>()
            .RequireRateLimiting(RateLimitPolicies.Login)
            .WithName($"auth:{backend.Name}.login")
            .WithSummary(cookie
                ? "Log in with email and password (OAuth2 password form); the session cookie is set"
                : "Log in with email and password (OAuth2 password form)")
            .ProducesError(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests)
            .DisableAntiforgery();
        _ = cookie ? login.Produces(StatusCodes.Status204NoContent) : login.Produces<BearerResponse>();

        group.MapPost("/logout", (HttpContext context, IMediator mediator, AuthCookies cookies, CancellationToken cancellationToken) =>
                LogoutAsync(backend, context, mediator, cookies, cancellationToken))
            .RequireAuthorization(Policies.ActiveUserOf(backend))
            .WithName($"auth:{backend.Name}.logout")
            .WithSummary("Log out: the session ends, and every token of it (this one included) stops working")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesError(StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> LoginAsync(
        AuthBackend backend, bool withRefreshToken, HttpContext context, IMediator mediator, IMapper mapper, AuthCookies cookies, CancellationToken cancellationToken)
    {
        var (form, failures) = await LoginFormReader.ReadAsync(context, cancellationToken);
        if (form is null)
        {
            return Problems.Validation(failures, context);
        }

        var command = mapper.Map<LoginCommand>(form) with
        {
            Strategy = backend.Strategy,
            Backend = backend.Name,
            Client = context.SessionClient(),
            WithRefreshToken = withRefreshToken,
        };
        var result = await mediator.Send(command, cancellationToken);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Error, context);
        }

        return LoginResponses.For(backend, result.Value, context, cookies);
    }

    private static async Task<IResult> LogoutAsync(
        AuthBackend backend, HttpContext context, IMediator mediator, AuthCookies cookies, CancellationToken cancellationToken)
    {
        var current = context.CurrentAuthentication();
        var result = await mediator.Send(new EndSessionCommand(current.User.Id, current.SessionId, SessionEndReason.Logout), cancellationToken);
        if (result.IsSuccess && backend.Transport == BackendTransport.Cookie)
        {
            cookies.Clear(context.Response);
        }

        return result.ToNoContent(context);
    }
}
