namespace Users.Application.Abstractions.Adoption;

/// <summary>One row of the deployment's OAuth account table; the tokens are in clear there.</summary>
public sealed record SourceOAuthAccount(
    Guid Id,
    Guid UserId,
    string OAuthName,
    string AccessToken,
    long? ExpiresAt,
    string? RefreshToken,
    string AccountId,
    string AccountEmail);
