using Users.Application.Users;

namespace Users.Api.Endpoints.Requests;

/// <summary>
/// The body of <c>POST /auth/register</c> (FastAPI Users' <c>UserCreate</c>). The flags of <see cref="UserFields"/>
/// are read like every member, and then ignored: registration never sets them.
/// </summary>
public sealed record RegisterRequest : UserFields
{
    public required string? Email { get; init; }

    public required string? Password { get; init; }
}
