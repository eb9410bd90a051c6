using MapsterMapper;
using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Common;
using Users.Domain.Common;

namespace Users.Application.Users.Queries.ListUsers;

public sealed class ListUsersQueryHandler(IUserRepository users, IMapper mapper) : IRequestHandler<ListUsersQuery, Result<UserPage>>
{
    public async Task<Result<UserPage>> Handle(ListUsersQuery request, CancellationToken cancellationToken)
    {
        var limit = request.Limit ?? ListUsersQuery.DefaultLimit;
        Guid? after = request.Cursor is not null && KeysetCursor.TryDecode(request.Cursor, out var id) ? id : null;
        var prefix = string.IsNullOrEmpty(request.Email) ? null : request.Email.Trim().Normalize().ToLowerInvariant();

        // One extra row tells whether another page follows, without a count query.
        var rows = await users.ListAsync(new UserListCriteria(limit + 1, after, prefix, request.IsActive), cancellationToken);
        var items = rows.Take(limit).Select(mapper.Map<UserRead>).ToList();
        var next = rows.Count > limit ? KeysetCursor.Encode(items[^1].Id) : null;
        return new UserPage(items, next);
    }
}
