using Users.Domain.Users;

namespace Users.Application.OAuth;

/// <summary>A callback that passed every check: who signed in, whether the provider verified their address, and their tokens (in clear).</summary>
public sealed record VerifiedOAuthCallback(OAuthIdentity Identity, bool EmailVerified, ProviderTokens Tokens);
