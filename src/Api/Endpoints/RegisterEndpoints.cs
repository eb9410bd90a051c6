using MediatR;
using Users.Api.Endpoints.Requests;
using Users.Api.Errors;
using Users.Api.Json;
using Users.Application.Users;
using Users.Application.Users.Commands.RegisterUser;

namespace Users.Api.Endpoints;

public static class RegisterEndpoints
{
    public static IEndpointRouteBuilder MapRegisterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/auth/register", RegisterAsync)
            .WithJsonBody<RegisterRequest>()
            .WithTags("auth")
            .WithName("register:register")
            .WithSummary("Register a new user")
            .Produces<UserRead>(StatusCodes.Status201Created)
            .ProducesError(StatusCodes.Status400BadRequest)
            .ProducesError(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var body = context.JsonBody();
        var email = body.Text("email");
        var password = body.Text("password");
        if (!body.IsValid)
        {
            return Problems.Validation(body.Failures, context);
        }

        var result = await mediator.Send(new RegisterUserCommand(email.OrDefault, password.OrDefault), cancellationToken);
        return result.ToJson(context, StatusCodes.Status201Created);
    }
}
