using MapsterMapper;
using MediatR;
using Users.Api.Binding;
using Users.Api.Endpoints.Requests;
using Users.Api.Errors;
using Users.Api.RateLimiting;
using Users.Application.Auth.Commands.RequestToken;
using Users.Application.Auth.Commands.ResetPassword;

namespace Users.Api.Endpoints;

public static class ResetPasswordEndpoints
{
    public static IEndpointRouteBuilder MapResetPasswordEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/auth").WithTags("auth");
        group.MapPost("/forgot-password", (JsonBody<EmailRequest> body, IMediator mediator, IMapper mapper, HttpContext context, CancellationToken cancellationToken) =>
                TokenRequests.SendAsync(body, TokenPurpose.ResetPassword, mediator, mapper, context, cancellationToken))
            .WithJsonBody<EmailRequest>()
            .RequireRateLimiting(RateLimitPolicies.Accounts)
            .WithName("reset:forgot_password")
            .WithSummary("Mail a password-reset link (202 whether or not the address is registered)")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesError(StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);
        group.MapPost("/reset-password", ResetPasswordAsync)
            .WithJsonBody<ResetPasswordRequest>()
            .RequireRateLimiting(RateLimitPolicies.Tokens)
            .WithName("reset:reset_password")
            .WithSummary("Set a new password with the token from the mail (works once)")
            .Produces(StatusCodes.Status200OK)
            .ProducesError(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> ResetPasswordAsync(
        JsonBody<ResetPasswordRequest> body, IMediator mediator, IMapper mapper, HttpContext context, CancellationToken cancellationToken) =>
        (await mediator.Send(mapper.Map<ResetPasswordCommand>(body.Value), cancellationToken)).ToJsonNull(context, StatusCodes.Status200OK);
}
