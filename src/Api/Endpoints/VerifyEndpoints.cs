using MediatR;
using Users.Api.Endpoints.Requests;
using Users.Api.Errors;
using Users.Api.Json;
using Users.Application.Auth.Commands.RequestVerifyToken;
using Users.Application.Auth.Commands.Verify;
using Users.Application.Users;

namespace Users.Api.Endpoints;

public static class VerifyEndpoints
{
    public static IEndpointRouteBuilder MapVerifyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/auth").WithTags("auth");
        group.MapPost("/request-verify-token", RequestTokenAsync)
            .WithJsonBody<EmailRequest>()
            .WithName("verify:request-token")
            .WithSummary("Mail a verification link (202 whether or not the address is registered)")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesError(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/verify", VerifyAsync)
            .WithJsonBody<VerifyRequest>()
            .WithName("verify:verify")
            .WithSummary("Verify an email address with the token from the mail")
            .Produces<UserRead>()
            .ProducesError(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/verify", VerifyLinkAsync)
            .WithName("verify:verify-link")
            .WithSummary("Verify by following the mailed link (extension; same outcomes as POST)")
            .Produces<UserRead>()
            .ProducesError(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<IResult> RequestTokenAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var body = context.JsonBody();
        var email = body.Text("email");
        if (!body.IsValid)
        {
            return Problems.Validation(body.Failures, context);
        }

        var result = await mediator.Send(new RequestVerifyTokenCommand(email.OrDefault), cancellationToken);
        return result.ToJsonNull(context, StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> VerifyAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var body = context.JsonBody();
        var token = body.Text("token");
        if (!body.IsValid)
        {
            return Problems.Validation(body.Failures, context);
        }

        return (await mediator.Send(new VerifyCommand(token.OrDefault), cancellationToken)).ToJson(context);
    }

    private static async Task<IResult> VerifyLinkAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var token = context.Request.Query["token"];
        var command = new VerifyCommand(token.Count > 0 && !string.IsNullOrEmpty(token[0]) ? token[0] : null);
        var result = await mediator.Send(command, cancellationToken);

        // A link has no body: a missing token is a missing query parameter.
        return result is { IsSuccess: false, Error: Domain.Common.ValidationError }
            ? Problems.Validation([new Domain.Common.FieldFailure(["query", "token"], "missing", "Field required")], context)
            : result.ToJson(context);
    }
}
