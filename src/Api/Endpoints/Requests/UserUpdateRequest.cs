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

    /// <summary>
    /// The caller's password, for <c>PATCH /users/me</c> changing the password or the address when
    /// <c>Auth:RequireCurrentPassword</c> is set (an extension); ignored otherwise.
    /// </summary>
    public string? CurrentPassword { get; init; }
}
