namespace Users.Api.Endpoints.Requests;

/// <summary>The bearer transport's login answer: <c>{"access_token": "...", "token_type": "bearer"}</c>.</summary>
public sealed record BearerResponse(string AccessToken, string TokenType = "bearer");
