using Users.Domain.Users;

namespace Users.Application.Abstractions.OAuth;

/// <summary>
/// Encrypts a provider's tokens for storage and decrypts them for code that must call the provider (a hook); keys are
/// shared by every instance. No route returns them, no log line holds them.
/// </summary>
public interface IProviderTokenProtector
{
    ProviderTokens Protect(ProviderTokens tokens);

    ProviderTokens Unprotect(ProviderTokens tokens);
}
