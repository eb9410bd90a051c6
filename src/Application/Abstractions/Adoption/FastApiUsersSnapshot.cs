namespace Users.Application.Abstractions.Adoption;

/// <summary>
/// Everything read from the deployment. <see cref="CustomColumns"/> are the user table's columns beyond FastAPI Users'
/// own, in table order. A table that does not exist (a deployment without OAuth or without database tokens) reads as
/// empty and is named in <see cref="MissingTables"/>.
/// </summary>
public sealed record FastApiUsersSnapshot(
    IReadOnlyList<SourceUser> Users,
    IReadOnlyList<SourceOAuthAccount> OAuthAccounts,
    IReadOnlyList<SourceAccessToken> AccessTokens,
    IReadOnlyList<string> CustomColumns,
    IReadOnlyList<string> MissingTables);
