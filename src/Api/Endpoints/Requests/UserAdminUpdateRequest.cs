namespace Users.Api.Endpoints.Requests;

/// <summary>
/// The body of <c>PATCH /users/{id}</c>: every member optional, none may be <c>null</c> except the password.
/// Applied in the order password, email, is_active, is_superuser, is_verified.
/// </summary>
public sealed class UserAdminUpdateRequest
{
    public string? Email { get; init; }

    public string? Password { get; init; }

    public bool? IsActive { get; init; }

    public bool? IsSuperuser { get; init; }

    public bool? IsVerified { get; init; }
}
