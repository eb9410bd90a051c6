using MediatR;
using Users.Application.Abstractions.Adoption;
using Users.Domain.Common;

namespace Users.Application.Adoption.Commands.AdoptFastApiUsers;

/// <summary>
/// Brings an existing FastAPI Users deployment's users, provider accounts and live database tokens into our database
/// (the <c>adopt-fastapi-users</c> command). With <see cref="DryRun"/> it reports what it would do and writes nothing.
/// </summary>
public sealed record AdoptFastApiUsersCommand : IRequest<Result<AdoptionSummary>>
{
    public string? ConnectionString { get; init; }

    /// <summary><c>Postgres</c> or <c>Sqlite</c>, ignoring case.</summary>
    public string? Provider { get; init; }

    public string UserTable { get; init; } = FastApiUsersSource.DefaultUserTable;

    public string OAuthTable { get; init; } = FastApiUsersSource.DefaultOAuthTable;

    public string TokenTable { get; init; } = FastApiUsersSource.DefaultTokenTable;

    public bool DryRun { get; init; }

    /// <summary>Where progress goes (the command line prints it on standard error); never part of the result.</summary>
    public IProgress<AdoptionProgress>? Progress { get; init; }
}
