using MediatR;
using Users.Application.Abstractions.Adoption;
using Users.Application.Abstractions.OAuth;
using Users.Domain.Common;

namespace Users.Application.Adoption.Commands.AdoptFastApiUsers;

/// <summary>
/// Reads the whole deployment, decides every row against what our database holds (the planners say how), and writes
/// the plan in one transaction unless it is a dry run. Running it again finds everything already here and writes nothing.
/// </summary>
public sealed class AdoptFastApiUsersCommandHandler(
    IFastApiUsersReader reader,
    IAdoptionStore store,
    IProviderTokenProtector protector,
    TimeProvider time) : IRequestHandler<AdoptFastApiUsersCommand, Result<AdoptionSummary>>
{
    public async Task<Result<AdoptionSummary>> Handle(AdoptFastApiUsersCommand request, CancellationToken cancellationToken)
    {
        var source = new FastApiUsersSource(
            request.ConnectionString!, CanonicalProvider(request.Provider!), request.UserTable, request.OAuthTable, request.TokenTable);
        var snapshot = await reader.ReadAsync(source, request.Progress, cancellationToken);
        var existing = await store.FindExistingAsync(snapshot, cancellationToken);
        var now = time.GetUtcNow();

        var problems = new List<AdoptionProblem>();
        var carried = snapshot.CustomColumns.Where(existing.UserColumns.Contains).ToList();
        var (users, userCounts) = UserAdoptionPlanner.Plan(snapshot, existing, carried, now, problems);
        var usersHere = existing.UserIds.Concat(users.Select(u => u.User.Id)).ToHashSet();
        var (accounts, accountCounts) = OAuthAccountAdoptionPlanner.Plan(snapshot, existing, usersHere, protector, now, problems);
        var (tokens, tokenCounts) = AccessTokenAdoptionPlanner.Plan(snapshot, existing, usersHere, store.AccessTokenLifetime, now, problems);

        var plan = new AdoptionPlan(users, accounts, tokens);
        if (!request.DryRun && users.Count + accounts.Count + tokens.Count > 0)
        {
            await store.WriteAsync(plan, request.Progress, cancellationToken);
        }

        return new AdoptionSummary(
            userCounts, accountCounts, tokenCounts, carried, snapshot.CustomColumns.Except(carried).ToList(), problems, request.DryRun);
    }

    private static string CanonicalProvider(string provider) =>
        string.Equals(provider, FastApiUsersSource.PostgresProvider, StringComparison.OrdinalIgnoreCase)
            ? FastApiUsersSource.PostgresProvider
            : FastApiUsersSource.SqliteProvider;
}
