using System.Text.Json.Serialization;

namespace Users.Api.Endpoints.Requests;

/// <summary>
/// The bearer transport's login answer: <c>{"access_token": "...", "token_type": "bearer"}</c> as FastAPI Users
/// sends it, plus <c>refresh_token</c> and <c>expires_in</c> (seconds) on JWT backends with refresh tokens enabled;
/// absent otherwise, so the body is then exactly upstream's.
/// </summary>
public sealed record BearerResponse(string AccessToken, string TokenType = "bearer")
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RefreshToken { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ExpiresIn { get; init; }
}
