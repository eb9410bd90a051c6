using MapsterMapper;
using MediatR;
using Users.Api.Binding;
using Users.Api.Endpoints.Requests;
using Users.Api.Errors;
using Users.Api.RateLimiting;
using Users.Application.Users;
using Users.Application.Users.Commands.CreateUser;

namespace Users.Api.Endpoints;

public static class RegisterEndpoints
{
    public static IEndpointRouteBuilder MapRegisterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/auth/register", RegisterAsync)
            .WithJsonBody<RegisterRequest>()
            .RequireRateLimiting(RateLimitPolicies.Accounts)
            .WithTags("auth")
            .WithName("register:register")
            .WithSummary("Register a new user")
            .Produces<UserRead>(StatusCodes.Status201Created)
            .ProducesError(StatusCodes.Status400BadRequest)
            .ProducesError(StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);
        return app;
    }

    // Flags sent by the client are ignored: a new user is active, not a superuser and not verified.
    private static async Task<IResult> RegisterAsync(
        JsonBody<RegisterRequest> body, IMediator mediator, IMapper mapper, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(mapper.Map<CreateUserCommand>(body.Value).WithoutFlags(), cancellationToken);
        return result.ToJson(context, StatusCodes.Status201Created);
    }
}
