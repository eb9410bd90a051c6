namespace Users.Api.Endpoints.Requests;

/// <summary>The body of <c>PATCH /users/{id}</c>: every member optional, but none may be <c>null</c> except the password.</summary>
public sealed record UserAdminUpdateRequest(string? Email, string? Password, bool? IsActive, bool? IsSuperuser, bool? IsVerified);
