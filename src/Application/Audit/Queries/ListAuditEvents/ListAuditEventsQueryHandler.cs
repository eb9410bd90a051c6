using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Common;
using Users.Domain.Audit;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Audit.Queries.ListAuditEvents;

public sealed class ListAuditEventsQueryHandler(IAuditLog audit, IUserRepository users) : IRequestHandler<ListAuditEventsQuery, Result<AuditPage>>
{
    public async Task<Result<AuditPage>> Handle(ListAuditEventsQuery request, CancellationToken cancellationToken)
    {
        var limit = request.Limit ?? ListAuditEventsQuery.DefaultLimit;
        Guid? before = request.Cursor is not null && KeysetCursor.TryDecode(request.Cursor, out var id) ? id : null;

        // One extra row tells whether another page follows, without a count query.
        var rows = await audit.ListAsync(request.UserId, before, limit + 1, cancellationToken);
        if (rows.Count == 0 && before is null && await users.FindForReadAsync(request.UserId, cancellationToken) is null)
        {
            return UserErrors.NotFound;
        }

        var items = rows.Take(limit).Select(Read).ToList();
        return new AuditPage(items, rows.Count > limit ? KeysetCursor.Encode(items[^1].Id) : null);
    }

    private static AuditEventRead Read(AuditEvent e) => new()
    {
        Id = e.Id,
        At = e.At,
        Type = AuditEventTypes.Name(e.Type),
        UserId = e.UserId,
        ActorId = e.ActorId,
        Ip = e.Ip,
        UserAgent = e.UserAgent,
        SessionId = e.SessionId,
    };
}
