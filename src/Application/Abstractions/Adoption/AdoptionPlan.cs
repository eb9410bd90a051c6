using Users.Domain.Users;

namespace Users.Application.Abstractions.Adoption;

/// <summary>
/// The rows an adoption writes, all in one transaction: new users (with the values of the custom columns that match a
/// column of ours), their provider accounts (tokens already encrypted) and live database tokens (in clear here; the
/// store keeps only their hashes).
/// </summary>
public sealed record AdoptionPlan(
    IReadOnlyList<AdoptedUser> Users,
    IReadOnlyList<OAuthAccount> OAuthAccounts,
    IReadOnlyList<AdoptedAccessToken> AccessTokens);

/// <summary>A user to add, and the values of the custom columns carried over (column name → value).</summary>
public sealed record AdoptedUser(User User, IReadOnlyDictionary<string, object?> CarriedColumns);

/// <summary>A database token to keep working: it gets a session of its own, as if its user had logged in then.</summary>
public sealed record AdoptedAccessToken(string Token, Guid UserId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
