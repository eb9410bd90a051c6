using MediatR;
using Users.Api.Authentication;
using Users.Api.Errors;
using Users.Application.Sessions;
using Users.Application.Sessions.Commands.EndSession;
using Users.Application.Sessions.Queries.ListSessions;

namespace Users.Api.Endpoints;

/// <summary>
/// Session listing and revocation (extension): a user's own under <c>/users/me/sessions</c>, anyone's for a superuser
/// under <c>/users/{id}/sessions</c>. An ended session's tokens all fail from the next request on.
/// </summary>
public static class SessionsEndpoints
{
    public static IEndpointRouteBuilder MapSessionsEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/users/me/sessions").WithTags("sessions").RequireAuthorization(Policies.ActiveUser);
        me.MapGet("", ListMineAsync)
            .WithName("sessions:current_user")
            .WithSummary("The authenticated user's live sessions, newest first; current marks this request's (extension)")
            .Produces<IReadOnlyList<SessionRead>>()
            .ProducesError(StatusCodes.Status401Unauthorized);
        me.MapDelete("/{sessionId}", EndMineAsync)
            .WithName("sessions:end_current_user")
            .WithSummary("End one of the authenticated user's sessions: its tokens stop working (extension)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesError(StatusCodes.Status401Unauthorized)
            .ProducesError(StatusCodes.Status404NotFound);

        var admin = app.MapGroup("/users/{id}/sessions").WithTags("sessions").RequireAuthorization(Policies.Superuser);
        admin.MapGet("", ListAsync)
            .WithName("sessions:user")
            .WithSummary("A user's live sessions, newest first (extension)")
            .Produces<IReadOnlyList<SessionRead>>()
            .ProducesError(StatusCodes.Status401Unauthorized)
            .ProducesError(StatusCodes.Status403Forbidden)
            .ProducesError(StatusCodes.Status404NotFound);
        admin.MapDelete("/{sessionId}", EndAsync)
            .WithName("sessions:end_user")
            .WithSummary("End one of a user's sessions: its tokens stop working (extension)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesError(StatusCodes.Status401Unauthorized)
            .ProducesError(StatusCodes.Status403Forbidden)
            .ProducesError(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListMineAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var current = context.CurrentAuthentication();
        return (await mediator.Send(new ListSessionsQuery(current.User.Id, current.SessionId), cancellationToken)).ToJson(context);
    }

    private static async Task<IResult> EndMineAsync(string sessionId, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        UserIds.TryParse(sessionId, out var id)
            ? (await mediator.Send(new EndSessionCommand(context.CurrentAuthentication().User.Id, id), cancellationToken)).ToNoContent(context)
            : Problems.Status(StatusCodes.Status404NotFound, context);

    private static async Task<IResult> ListAsync(string id, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        UserIds.TryParse(id, out var userId)
            ? (await mediator.Send(new ListSessionsQuery(userId, context.CurrentAuthentication().SessionId), cancellationToken)).ToJson(context)
            : Problems.Status(StatusCodes.Status404NotFound, context);

    private static async Task<IResult> EndAsync(string id, string sessionId, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        UserIds.TryParse(id, out var userId) && UserIds.TryParse(sessionId, out var session)
            ? (await mediator.Send(new EndSessionCommand(userId, session), cancellationToken)).ToNoContent(context)
            : Problems.Status(StatusCodes.Status404NotFound, context);
}
