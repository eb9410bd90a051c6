namespace Users.Application.Abstractions.Persistence;

/// <summary>
/// Commits the changes of one use case atomically, then publishes the domain events the changed
/// aggregates raised (never before the commit, never for a rolled-back change).
/// </summary>
public interface IUnitOfWork
{
    /// <exception cref="EmailAlreadyTakenException">The database refused a second user with the same normalized address.</exception>
    /// <exception cref="OAuthAccountTakenException">The database refused a second link of one provider account.</exception>
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
