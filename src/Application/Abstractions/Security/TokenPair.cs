namespace Users.Application.Abstractions.Security;

/// <summary>What a refresh answers: a new access JWT, its lifetime in seconds, and the refresh token that replaces the one presented.</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn);
