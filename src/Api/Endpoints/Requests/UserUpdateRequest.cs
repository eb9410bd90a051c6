namespace Users.Api.Endpoints.Requests;

/// <summary>The body of <c>PATCH /users/me</c>: every member optional; flags are ignored on this route.</summary>
public sealed class UserUpdateRequest
{
    /// <summary>A new address; a different one clears <c>is_verified</c>. Must not be <c>null</c>.</summary>
    public string? Email { get; init; }

    public string? Password { get; init; }
}
