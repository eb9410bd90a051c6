using Users.Application.Abstractions.Adoption;

namespace Users.Application.Adoption.Commands.AdoptFastApiUsers;

/// <summary>
/// Decides each database token's fate: one past its lifetime (created_at + <c>Auth:AccessTokenLifetimeSeconds</c>, as
/// upstream checks it) is left behind and counted as expired; one whose user was not adopted is skipped; one already
/// here is unchanged; the rest keep working, each in a session of its own.
/// </summary>
internal static class AccessTokenAdoptionPlanner
{
    public const string Table = "access_tokens";

    public static (List<AdoptedAccessToken> Adopted, AdoptionCounts Counts) Plan(
        FastApiUsersSnapshot snapshot, ExistingRecords existing, ISet<Guid> usersHere, TimeSpan lifetime, DateTimeOffset now, List<AdoptionProblem> problems)
    {
        var adopted = new List<AdoptedAccessToken>();
        var (unchanged, skipped, expired) = (0, 0, 0);
        foreach (var row in snapshot.AccessTokens)
        {
            var expiresAt = row.CreatedAt + lifetime;
            if (expiresAt <= now)
            {
                expired++;
            }
            else if (existing.AccessTokens.Contains(row.Token))
            {
                unchanged++;
            }
            else if (!usersHere.Contains(row.UserId))
            {
                // Never the token itself: it is a credential.
                problems.Add(new(Table, $"{UserAdoptionPlanner.Id(row.UserId)} {row.CreatedAt:O}", "user_not_adopted",
                    $"its user {UserAdoptionPlanner.Id(row.UserId)} was not adopted"));
                skipped++;
            }
            else
            {
                adopted.Add(new AdoptedAccessToken(row.Token, row.UserId, row.CreatedAt, expiresAt));
            }
        }

        return (adopted, new AdoptionCounts(snapshot.AccessTokens.Count, adopted.Count, unchanged, skipped, expired));
    }
}
