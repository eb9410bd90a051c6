using MapsterMapper;
using MediatR;
using Users.Api.Binding;
using Users.Api.Endpoints.Requests;
using Users.Api.Errors;
using Users.Application.Auth.Commands.RequestToken;

namespace Users.Api.Endpoints;

/// <summary><c>POST /auth/request-verify-token</c> and <c>POST /auth/forgot-password</c>: one use case, two purposes.</summary>
internal static class TokenRequests
{
    public static async Task<IResult> SendAsync(
        JsonBody<EmailRequest> body,
        TokenPurpose purpose,
        IMediator mediator,
        IMapper mapper,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var command = mapper.Map<RequestTokenCommand>(body.Value) with { Purpose = purpose };
        return (await mediator.Send(command, cancellationToken)).ToJsonNull(context, StatusCodes.Status202Accepted);
    }
}
