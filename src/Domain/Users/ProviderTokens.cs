namespace Users.Domain.Users;

/// <summary>
/// A provider's tokens for one linked account, in the form they are stored: the application encrypts them before they
/// reach the aggregate, which never reads them. <see cref="ExpiresAt"/> is when the provider's access token expires.
/// </summary>
public sealed record ProviderTokens(string AccessToken, DateTimeOffset? ExpiresAt, string? RefreshToken);
