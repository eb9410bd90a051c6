using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Sessions.Queries.ListSessions;

public sealed class ListSessionsQueryHandler(IUserRepository users, ISessionRepository sessions, TimeProvider time)
    : IRequestHandler<ListSessionsQuery, Result<IReadOnlyList<SessionRead>>>
{
    public async Task<Result<IReadOnlyList<SessionRead>>> Handle(ListSessionsQuery request, CancellationToken cancellationToken)
    {
        var user = await users.FindForReadAsync(request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        // Sessions from before the user's last stamp change are over, even before the cleanup deletes them.
        var now = time.GetUtcNow();
        var live = (await sessions.ListUnexpiredAsync(user.Id, now, cancellationToken))
            .Where(s => s.IsLive(user.SecurityStamp, now))
            .Select(s => new SessionRead
            {
                Id = s.Id,
                CreatedAt = s.CreatedAt,
                LastUsedAt = s.LastUsedAt,
                UserAgent = s.UserAgent,
                Ip = s.Ip,
                Backend = s.Backend,
                Current = s.Id == request.CurrentSessionId,
            })
            .ToList();
        return live;
    }
}
