namespace Users.Api.Endpoints.Requests;

/// <summary>
/// The OAuth2 password form of <c>POST /auth/{backend}/login</c> (<c>username</c> is the email), read by
/// <see cref="LoginFormReader"/>: urlencoded or multipart, as FastAPI's <c>OAuth2PasswordRequestForm</c>.
/// </summary>
public sealed record LoginForm
{
    public required string? Username { get; init; }

    public required string? Password { get; init; }

    /// <summary>If sent, must be <c>password</c>.</summary>
    public string? GrantType { get; init; }

    /// <summary>Accepted and ignored, as in FastAPI Users.</summary>
    public string? Scope { get; init; }

    /// <summary>Accepted and ignored.</summary>
    public string? ClientId { get; init; }

    /// <summary>Accepted and ignored.</summary>
    public string? ClientSecret { get; init; }
}
