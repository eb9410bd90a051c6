using MapsterMapper;
using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Common;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Audit.Queries.ListAuditEvents;

public sealed class ListAuditEventsQueryHandler(IAuditLog audit, IUserRepository users, IMapper mapper)
    : IRequestHandler<ListAuditEventsQuery, Result<AuditPage>>
{
    public async Task<Result<AuditPage>> Handle(ListAuditEventsQuery request, CancellationToken cancellationToken)
    {
        var limit = request.Limit ?? ListAuditEventsQuery.DefaultLimit;
        var before = KeysetCursor.LastIdOf(request.Cursor);
        var rows = await audit.ListAsync(request.UserId, before, limit + 1, cancellationToken);
        if (rows.Count == 0 && before is null && await users.FindForReadAsync(request.UserId, cancellationToken) is null)
        {
            return UserErrors.NotFound;
        }

        var (shown, next) = KeysetCursor.Page(rows, limit, e => e.Id);
        return new AuditPage(shown.Select(mapper.Map<AuditEventRead>).ToList(), next);
    }
}
