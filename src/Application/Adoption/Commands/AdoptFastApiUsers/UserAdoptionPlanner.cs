using Users.Application.Abstractions.Adoption;
using Users.Domain.Users;

namespace Users.Application.Adoption.Commands.AdoptFastApiUsers;

/// <summary>
/// Decides each deployment user's fate. Rules (README, "Switching from FastAPI Users"):
/// an id already here is left as it is (unchanged); an address our rules refuse is skipped; addresses that become one
/// after our normalisation (upstream allows two rows differing only in case) are all skipped and reported together,
/// so that the operator decides which person keeps it, and none is merged or dropped silently; an address held here by
/// another user is skipped; a row without a password hash is skipped. Everyone else is adopted with id, address,
/// hash and flags as they are.
/// </summary>
internal static class UserAdoptionPlanner
{
    public const string Table = "users";

    public static (List<AdoptedUser> Adopted, AdoptionCounts Counts) Plan(
        FastApiUsersSnapshot snapshot, ExistingRecords existing, IReadOnlyList<string> carriedColumns, DateTimeOffset now, List<AdoptionProblem> problems)
    {
        var adopted = new List<AdoptedUser>();
        var (unchanged, skipped) = (0, 0);
        var valid = new List<(SourceUser Row, Email Email)>(snapshot.Users.Count);
        foreach (var row in snapshot.Users)
        {
            var email = Email.Create(row.Email);
            if (email.IsSuccess)
            {
                valid.Add((row, email.Value));
                continue;
            }

            problems.Add(new(Table, Id(row.Id), "invalid_email", $"'{row.Email}' is not an address we accept: {email.Error.Description}"));
            skipped++;
        }

        var sameAddress = valid.GroupBy(v => v.Email.Normalized, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var (row, email) in valid)
        {
            if (existing.UserIds.Contains(row.Id))
            {
                unchanged++;
                continue;
            }

            var reason = Refusal(row, email, sameAddress[email.Normalized], existing);
            if (reason is { } refused)
            {
                problems.Add(new(Table, Id(row.Id), refused.Code, refused.Detail));
                skipped++;
                continue;
            }

            var user = User.Adopt(row.Id, email, row.HashedPassword, row.IsActive, row.IsSuperuser, row.IsVerified, now);
            var carried = carriedColumns.ToDictionary(c => c, c => row.CustomColumns.GetValueOrDefault(c), StringComparer.Ordinal);
            adopted.Add(new AdoptedUser(user, carried));
        }

        return (adopted, new AdoptionCounts(snapshot.Users.Count, adopted.Count, unchanged, skipped));
    }

    private static (string Code, string Detail)? Refusal(
        SourceUser row, Email email, List<(SourceUser Row, Email Email)> sameAddress, ExistingRecords existing)
    {
        if (sameAddress.Count > 1)
        {
            var others = string.Join(", ", sameAddress.Where(s => s.Row.Id != row.Id).Select(s => $"{Id(s.Row.Id)} ('{s.Row.Email}')"));
            return ("email_collision", $"'{row.Email}' is the same address as {others} once normalised; change all but one in the deployment and run again");
        }

        if (existing.UserIdsByNormalizedEmail.TryGetValue(email.Normalized, out var holder) && holder != row.Id)
        {
            return ("email_taken", $"'{row.Email}' already belongs to user {Id(holder)} here");
        }

        return string.IsNullOrWhiteSpace(row.HashedPassword)
            ? ("no_password_hash", "the row has no password hash")
            : null;
    }

    internal static string Id(Guid id) => id.ToString("D");
}
