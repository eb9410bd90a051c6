namespace Users.Application.Abstractions.Adoption;

/// <summary>Our side of an adoption: what exists already, and the one transaction that writes a plan.</summary>
public interface IAdoptionStore
{
    /// <summary>How long a database token lives here (<c>Auth:AccessTokenLifetimeSeconds</c>); older adopted tokens have expired.</summary>
    TimeSpan AccessTokenLifetime { get; }

    Task<ExistingRecords> FindExistingAsync(FastApiUsersSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>
    /// Writes every row of <paramref name="plan"/> in one transaction (all or nothing: a run that is interrupted or
    /// fails leaves nothing behind, and running again does the whole work), reporting progress as it goes.
    /// </summary>
    Task WriteAsync(AdoptionPlan plan, IProgress<AdoptionProgress>? progress, CancellationToken cancellationToken);
}
