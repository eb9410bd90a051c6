namespace Users.Api.Endpoints.Requests;

/// <summary>The body of <c>POST /auth/{backend}/refresh</c>, as a form or as JSON.</summary>
public sealed record RefreshRequest
{
    public required string? RefreshToken { get; init; }
}
