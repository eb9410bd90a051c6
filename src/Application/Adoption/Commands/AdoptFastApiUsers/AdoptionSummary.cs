using System.Text.Json.Serialization;

namespace Users.Application.Adoption.Commands.AdoptFastApiUsers;

/// <summary>
/// What an adoption did (or, in a dry run, would do): counts per table, the custom columns carried over and those that
/// were not, and every row skipped, with its reason.
/// </summary>
public sealed record AdoptionSummary(
    AdoptionCounts Users,
    [property: JsonPropertyName("oauth_accounts")] AdoptionCounts OAuthAccounts,
    AdoptionCounts AccessTokens,
    IReadOnlyList<string> CarriedColumns,
    IReadOnlyList<string> UncarriedColumns,
    IReadOnlyList<AdoptionProblem> Problems,
    bool DryRun)
{
    /// <summary>Whether any row was left behind (the command then exits 3).</summary>
    [JsonIgnore]
    public bool SkippedAny => Users.Skipped + OAuthAccounts.Skipped + AccessTokens.Skipped > 0;
}

/// <summary>
/// Rows read, imported, already there (<see cref="Unchanged"/>: a run before brought them, or our service made them)
/// and skipped (each listed among the problems). <see cref="Expired"/>: database tokens past their lifetime, which
/// work nowhere and are left behind without being problems.
/// </summary>
public sealed record AdoptionCounts(int Read, int Imported, int Unchanged, int Skipped, int Expired = 0);

/// <summary>
/// A row skipped: its table, its id (for a token, its user and creation time, never the token), a reason code and a
/// sentence for the operator.
/// </summary>
public sealed record AdoptionProblem(string Table, string Id, string Reason, string Detail);
