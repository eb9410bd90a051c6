using MediatR;
using Users.Api.Authentication;
using Users.Api.Errors;
using Users.Application.Audit.Queries.ListAuditEvents;
using Users.Domain.Common;

namespace Users.Api.Endpoints;

/// <summary>The audit trail (extension): a user's own at <c>/users/me/audit</c>, anyone's for a superuser at <c>/users/{id}/audit</c>.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/users/me/audit", ListMineAsync)
            .WithTags("audit")
            .RequireAuthorization(Policies.ActiveUser)
            .WithName("audit:current_user")
            .WithSummary("The authenticated user's audit trail, newest first, keyset-paginated (extension)")
            .Produces<AuditPage>()
            .ProducesError(StatusCodes.Status401Unauthorized)
            .ProducesError(StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/users/{id}/audit", ListAsync)
            .WithTags("audit")
            .RequireAuthorization(Policies.Superuser)
            .WithName("audit:user")
            .WithSummary("A user's audit trail, newest first, keyset-paginated; readable after the user's deletion until purged (extension)")
            .Produces<AuditPage>()
            .ProducesError(StatusCodes.Status401Unauthorized)
            .ProducesError(StatusCodes.Status403Forbidden)
            .ProducesError(StatusCodes.Status404NotFound)
            .ProducesError(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static Task<IResult> ListMineAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        PageAsync(context.CurrentUser().Id, context, mediator, cancellationToken);

    private static async Task<IResult> ListAsync(string id, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        UserIds.TryParse(id, out var userId)
            ? await PageAsync(userId, context, mediator, cancellationToken)
            : Problems.Status(StatusCodes.Status404NotFound, context);

    private static async Task<IResult> PageAsync(Guid userId, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var failures = new List<FieldFailure>();
        var (limit, cursor) = PageParameters.Bind(context.Request.Query, failures);
        return failures.Count > 0
            ? Problems.Validation(failures, context)
            : (await mediator.Send(new ListAuditEventsQuery(userId, limit, cursor), cancellationToken)).ToJson(context);
    }
}
