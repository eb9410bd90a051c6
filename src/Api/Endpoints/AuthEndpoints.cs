using MediatR;
using Users.Api.Authentication;
using Users.Api.Endpoints.Requests;
using Users.Api.Errors;
using Users.Api.Json;
using Users.Application.Auth.Commands.Login;

namespace Users.Api.Endpoints;

/// <summary>The bearer + JWT backend's routes, mounted at <c>/auth/jwt</c>.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup($"/auth/{AuthSchemes.Jwt}").WithTags("auth");
        group.MapPost("/login", LoginAsync)
            .WithFormBody<LoginForm>()
            .WithName($"auth:{AuthSchemes.Jwt}.login")
            .WithSummary("Log in with email and password (OAuth2 password form)")
            .Produces<BearerResponse>()
            .ProducesError(StatusCodes.Status400BadRequest)
            .ProducesError(StatusCodes.Status422UnprocessableEntity)
            .DisableAntiforgery();
        group.MapPost("/logout", Logout)
            .RequireAuthorization(Policies.ActiveUser)
            .WithName($"auth:{AuthSchemes.Jwt}.logout")
            .WithSummary("Log out (a JWT cannot be revoked one by one; it expires)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesError(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<IResult> LoginAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var (username, password, failures) = await LoginFormReader.ReadAsync(context, cancellationToken);
        if (failures.Count > 0)
        {
            return Problems.Validation(failures, context);
        }

        var result = await mediator.Send(new LoginCommand(username, password), cancellationToken);
        return result.IsSuccess
            ? Results.Json(new BearerResponse(result.Value.AccessToken))
            : Problems.From(result.Error, context);
    }

    private static IResult Logout() => Results.NoContent();
}
