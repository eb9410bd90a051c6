using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Common.Validation;
using Users.Domain.Common;

namespace Users.Application.Audit.Queries.ListAuditEvents;

/// <summary>
/// One page of a user's audit trail, newest first (<c>GET /users/me/audit</c>, a superuser's
/// <c>GET /users/{id}/audit</c>). <paramref name="Cursor"/> is the previous page's <c>next_cursor</c>. Not found
/// when there is no such user and no entry about one (the trail of a deleted user stays readable until purged).
/// </summary>
public sealed record ListAuditEventsQuery(Guid UserId, int? Limit = null, string? Cursor = null)
    : IRequest<Result<AuditPage>>, IQueryStringRequest, IReadOnlyRequest
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
}
