using MapsterMapper;
using MediatR;
using Users.Api.Binding;
using Users.Api.Endpoints.Requests;
using Users.Api.Errors;
using Users.Api.RateLimiting;
using Users.Application.Auth.Commands.RequestToken;
using Users.Application.Auth.Commands.Verify;
using Users.Application.Users;
using Users.Domain.Common;

namespace Users.Api.Endpoints;

public static class VerifyEndpoints
{
    public static IEndpointRouteBuilder MapVerifyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/auth").WithTags("auth");
        group.MapPost("/request-verify-token", (JsonBody<EmailRequest> body, IMediator mediator, IMapper mapper, HttpContext context, CancellationToken cancellationToken) =>
                TokenRequests.SendAsync(body, TokenPurpose.Verify, mediator, mapper, context, cancellationToken))
            .WithJsonBody<EmailRequest>()
            .RequireRateLimiting(RateLimitPolicies.Accounts)
            .WithName("verify:request-token")
            .WithSummary("Mail a verification link (202 whether or not the address is registered)")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesError(StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);
        group.MapPost("/verify", VerifyAsync)
            .WithJsonBody<VerifyRequest>()
            .RequireRateLimiting(RateLimitPolicies.Tokens)
            .WithName("verify:verify")
            .WithSummary("Verify an email address with the token from the mail")
            .Produces<UserRead>()
            .ProducesError(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);
        group.MapGet("/verify", VerifyLinkAsync)
            .RequireRateLimiting(RateLimitPolicies.Tokens)
            .WithName("verify:verify-link")
            .WithSummary("Verify by following the mailed link (extension; same outcomes as POST)")
            .Produces<UserRead>()
            .ProducesError(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> VerifyAsync(
        JsonBody<VerifyRequest> body, IMediator mediator, IMapper mapper, HttpContext context, CancellationToken cancellationToken) =>
        (await mediator.Send(mapper.Map<VerifyCommand>(body.Value), cancellationToken)).ToJson(context);

    // A link has no body: its token is a query parameter, and a missing one is reported there.
    private static async Task<IResult> VerifyLinkAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var token = context.Request.Query["token"];
        var command = new VerifyCommand { Token = token.Count > 0 && !string.IsNullOrEmpty(token[0]) ? token[0] : null };
        var result = await mediator.Send(command, cancellationToken);
        return result is { IsSuccess: false, Error: ValidationError }
            ? Problems.Validation([new FieldFailure(["query", "token"], "missing", "Field required")], context)
            : result.ToJson(context);
    }
}
