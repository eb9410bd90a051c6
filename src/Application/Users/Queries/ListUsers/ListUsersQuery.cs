using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Common.Validation;
using Users.Domain.Common;

namespace Users.Application.Users.Queries.ListUsers;

/// <summary>
/// One page of users in id order (<c>GET /users</c>). <paramref name="Cursor"/> is the opaque
/// <c>next_cursor</c> of the previous page; <paramref name="Email"/> filters by address prefix, ignoring case.
/// </summary>
public sealed record ListUsersQuery(int? Limit = null, string? Cursor = null, string? Email = null, bool? IsActive = null)
    : IRequest<Result<UserPage>>, IQueryStringRequest, IReadOnlyRequest
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
}
