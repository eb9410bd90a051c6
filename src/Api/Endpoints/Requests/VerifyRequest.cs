namespace Users.Api.Endpoints.Requests;

/// <summary>The body of <c>POST /auth/verify</c>.</summary>
public sealed class VerifyRequest
{
    public required string Token { get; init; }
}
