namespace Users.Api.Endpoints.Requests;

/// <summary>The body of <c>POST /auth/verify</c>.</summary>
public sealed record VerifyRequest
{
    public required string? Token { get; init; }
}
