namespace Users.Api.Endpoints.Requests;

/// <summary>The body of <c>POST /auth/register</c> (OpenAPI documentation; flags sent by clients are ignored).</summary>
public sealed class RegisterRequest
{
    public required string Email { get; init; }

    public required string Password { get; init; }
}
