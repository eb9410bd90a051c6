namespace Users.Application.Abstractions.Adoption;

/// <summary>
/// What our database already holds of a snapshot's rows: what a first run imported, or what our service created since.
/// </summary>
public sealed record ExistingRecords(
    IReadOnlySet<Guid> UserIds,
    IReadOnlyDictionary<string, Guid> UserIdsByNormalizedEmail,
    IReadOnlySet<Guid> OAuthAccountIds,
    IReadOnlyDictionary<(string OAuthName, string AccountId), Guid> OAuthAccountIdsByProviderAccount,
    IReadOnlySet<string> AccessTokens,
    IReadOnlySet<string> UserColumns);
