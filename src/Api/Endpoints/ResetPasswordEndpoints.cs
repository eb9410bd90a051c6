using MediatR;
using Users.Api.Endpoints.Requests;
using Users.Api.Errors;
using Users.Api.Json;
using Users.Application.Auth.Commands.ForgotPassword;
using Users.Application.Auth.Commands.ResetPassword;

namespace Users.Api.Endpoints;

public static class ResetPasswordEndpoints
{
    public static IEndpointRouteBuilder MapResetPasswordEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/auth").WithTags("auth");
        group.MapPost("/forgot-password", ForgotPasswordAsync)
            .WithJsonBody<EmailRequest>()
            .WithName("reset:forgot_password")
            .WithSummary("Mail a password-reset link (202 whether or not the address is registered)")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesError(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/reset-password", ResetPasswordAsync)
            .WithJsonBody<ResetPasswordRequest>()
            .WithName("reset:reset_password")
            .WithSummary("Set a new password with the token from the mail (works once)")
            .Produces(StatusCodes.Status200OK)
            .ProducesError(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<IResult> ForgotPasswordAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var body = context.JsonBody();
        var email = body.Text("email");
        if (!body.IsValid)
        {
            return Problems.Validation(body.Failures, context);
        }

        var result = await mediator.Send(new ForgotPasswordCommand(email.OrDefault), cancellationToken);
        return result.ToJsonNull(context, StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ResetPasswordAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var body = context.JsonBody();
        var token = body.Text("token");
        var password = body.Text("password");
        if (!body.IsValid)
        {
            return Problems.Validation(body.Failures, context);
        }

        var result = await mediator.Send(new ResetPasswordCommand(token.OrDefault, password.OrDefault), cancellationToken);
        return result.ToJsonNull(context, StatusCodes.Status200OK);
    }
}
