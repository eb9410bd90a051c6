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
        var prefix = string.IsNullOrEmpty(request.Email) ? null : request.Email.Trim().Normalize().ToLowerInvariant();

        var rows = await users.ListAsync(
            new UserListCriteria(limit + 1, KeysetCursor.LastIdOf(request.Cursor), prefix, request.IsActive), cancellationToken);
        var (shown, next) = KeysetCursor.Page(rows, limit, u => u.Id);
        return new UserPage(shown.Select(mapper.Map<UserRead>).ToList(), next);
    }
}
