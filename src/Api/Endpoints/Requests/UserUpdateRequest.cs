using Users.Application.Users;
using Users.Domain.Common;

namespace Users.Api.Endpoints.Requests;

/// <summary>
/// The body of <c>PATCH /users/me</c> and <c>PATCH /users/{id}</c> (FastAPI Users' <c>UserUpdate</c>): every member
/// optional. A <c>null</c> password means unchanged; a <c>null</c> email is refused. <c>/users/me</c> ignores the flags.
/// </summary>
public sealed record UserUpdateRequest : UserFields
{
    public Optional<string?> Email { get; init; }

    public Optional<string?> Password { get; init; }
}
