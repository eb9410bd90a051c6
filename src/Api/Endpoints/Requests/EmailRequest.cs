namespace Users.Api.Endpoints.Requests;

/// <summary>The body of <c>POST /auth/request-verify-token</c> and <c>POST /auth/forgot-password</c>.</summary>
public sealed record EmailRequest
{
    public required string? Email { get; init; }
}
