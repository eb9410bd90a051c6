using Users.Domain.Users;

namespace Users.Application.Abstractions.OAuth;

/// <summary>
/// Who signed in at the provider: the account's id there, the address it reported (if any) and whether the provider
/// says it verified that address, with the provider's tokens (in clear: the application encrypts them before storing).
/// </summary>
public sealed record OAuthProviderAccount(string AccountId, string? Email, bool EmailVerified, ProviderTokens Tokens);
