using Users.Application.Abstractions.Adoption;
using Users.Application.Abstractions.OAuth;
using Users.Domain.Users;

namespace Users.Application.Adoption.Commands.AdoptFastApiUsers;

/// <summary>
/// Decides each provider account's fate. Upstream has no unique index on (oauth_name, account_id), so one provider
/// account may be linked twice; we allow one link. Rule: of the rows naming one provider account, the one whose token
/// expires last is kept (it was refreshed last, so it is the link in use), ties going to the smallest id; the others
/// are skipped and reported naming the one kept. An account whose user was not adopted, or whose provider account is
/// linked here to another account row, is skipped; an id already here is unchanged. Tokens are encrypted on the way in.
/// </summary>
internal static class OAuthAccountAdoptionPlanner
{
    public const string Table = "oauth_accounts";

    public static (List<OAuthAccount> Adopted, AdoptionCounts Counts) Plan(
        FastApiUsersSnapshot snapshot,
        ExistingRecords existing,
        ISet<Guid> usersHere,
        IProviderTokenProtector protector,
        DateTimeOffset now,
        List<AdoptionProblem> problems)
    {
        var adopted = new List<OAuthAccount>();
        var (unchanged, skipped) = (0, 0);
        var keepers = snapshot.OAuthAccounts
            .GroupBy(a => (a.OAuthName, a.AccountId))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.ExpiresAt ?? long.MinValue).ThenBy(a => a.Id.ToString("D"), StringComparer.Ordinal).First());
        foreach (var row in snapshot.OAuthAccounts)
        {
            if (existing.OAuthAccountIds.Contains(row.Id))
            {
                unchanged++;
                continue;
            }

            var refusal = Refusal(row, keepers[(row.OAuthName, row.AccountId)], existing, usersHere, out var email);
            if (refusal is { } refused)
            {
                problems.Add(new(Table, UserAdoptionPlanner.Id(row.Id), refused.Code, refused.Detail));
                skipped++;
                continue;
            }

            var expiresAt = row.ExpiresAt is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
            var tokens = protector.Protect(new ProviderTokens(row.AccessToken, expiresAt, row.RefreshToken));
            adopted.Add(OAuthAccount.Adopt(row.Id, row.UserId, new OAuthIdentity(row.OAuthName, row.AccountId, email!), tokens, now));
        }

        return (adopted, new AdoptionCounts(snapshot.OAuthAccounts.Count, adopted.Count, unchanged, skipped));
    }

    private static (string Code, string Detail)? Refusal(
        SourceOAuthAccount row, SourceOAuthAccount keeper, ExistingRecords existing, ISet<Guid> usersHere, out Email? email)
    {
        email = null;
        if (!usersHere.Contains(row.UserId))
        {
            return ("user_not_adopted", $"its user {UserAdoptionPlanner.Id(row.UserId)} was not adopted");
        }

        if (keeper.Id != row.Id)
        {
            return ("duplicate_provider_account",
                $"{row.OAuthName} account '{row.AccountId}' is also linked by {UserAdoptionPlanner.Id(keeper.Id)}, which is kept (its token expires last)");
        }

        if (existing.OAuthAccountIdsByProviderAccount.TryGetValue((row.OAuthName, row.AccountId), out var here))
        {
            return ("provider_account_taken", $"{row.OAuthName} account '{row.AccountId}' is already linked here ({UserAdoptionPlanner.Id(here)})");
        }

        if (row.OAuthName.Length is 0 or > OAuthIdentity.ProviderNameLength || row.AccountId.Length is 0 or > OAuthIdentity.AccountIdLength)
        {
            return ("invalid_account", "the provider name or account id is empty or too long");
        }

        if (string.IsNullOrEmpty(row.AccessToken))
        {
            return ("no_access_token", "the row has no access token");
        }

        var parsed = Email.Create(row.AccountEmail);
        if (!parsed.IsSuccess)
        {
            return ("invalid_account_email", $"'{row.AccountEmail}' is not an address we accept: {parsed.Error.Description}");
        }

        email = parsed.Value;
        return null;
    }
}
