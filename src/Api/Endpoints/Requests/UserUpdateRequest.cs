namespace Users.Api.Endpoints.Requests;

/// <summary>The body of <c>PATCH /users/me</c>: every member optional; flags are ignored on this route.</summary>
public sealed record UserUpdateRequest(string? Email, string? Password);
