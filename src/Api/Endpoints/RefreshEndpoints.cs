using MapsterMapper;
using MediatR;
using Microsoft.Extensions.Options;
using Users.Api.Authentication.Backends;
using Users.Api.Binding;
using Users.Api.Endpoints.Requests;
using Users.Api.Errors;
using Users.Api.OpenApi;
using Users.Api.RateLimiting;
using Users.Application.Abstractions.Security;
using Users.Application.Auth.Commands.Refresh;
using Users.Application.Settings;

namespace Users.Api.Endpoints;

/// <summary><c>POST /auth/{backend}/refresh</c> on every bearer + JWT backend, while refresh tokens are enabled.</summary>
public static class RefreshEndpoints
{
    public static IEndpointRouteBuilder MapRefreshEndpoints(this IEndpointRouteBuilder app)
    {
        var settings = app.ServiceProvider.GetRequiredService<IOptions<UserManagementOptions>>().Value.RefreshTokens;
        foreach (var backend in app.ServiceProvider.GetRequiredService<AuthBackendRegistry>().Backends.Where(b => IssuesRefreshTokens(b, settings)))
        {
            app.MapPost($"/auth/{backend.Name}/refresh", RefreshAsync)
                .WithTags("auth")
                .WithMetadata(new RequestBodyMetadata(typeof(RefreshRequest), ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]))
                .RequireRateLimiting(RateLimitPolicies.Login)
                .WithName($"auth:{backend.Name}.refresh")
                .WithSummary("Exchange a refresh token for a new access and refresh token; the presented one is spent (extension)")
                .Produces<BearerResponse>()
                .ProducesError(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests)
                .DisableAntiforgery();
        }

        return app;
    }

    /// <summary>
    /// Whether logins through <paramref name="backend"/> get a refresh token and the backend has a refresh route: refresh
    /// tokens are enabled, and it is a bearer + JWT backend. Settings are fixed at start-up, so callers decide it once.
    /// </summary>
    public static bool IssuesRefreshTokens(AuthBackend backend, RefreshTokenOptions settings)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Enabled
            && backend.Transport == BackendTransport.Bearer
            && string.Equals(backend.Strategy, AccessTokenStrategyNames.Jwt, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<IResult> RefreshAsync(HttpContext context, IMediator mediator, IMapper mapper, CancellationToken cancellationToken)
    {
        var (request, failures) = await RefreshRequestReader.ReadAsync(context, cancellationToken);
        if (request is null)
        {
            return Problems.Validation(failures, context);
        }

        var result = await mediator.Send(mapper.Map<RefreshCommand>(request), cancellationToken);
        return result.IsSuccess
            ? ResponseJson.Of(new BearerResponse(result.Value.AccessToken) { RefreshToken = result.Value.RefreshToken, ExpiresIn = result.Value.ExpiresIn })
            : Problems.From(result.Error, context);
    }
}
