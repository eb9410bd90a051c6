namespace Users.Api.Endpoints.Requests;

/// <summary>The body of <c>POST /auth/reset-password</c>.</summary>
public sealed record ResetPasswordRequest
{
    public required string? Token { get; init; }

    public required string? Password { get; init; }
}
