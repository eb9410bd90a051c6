using Users.Domain.Sessions;

namespace Users.Application.Abstractions.Persistence;

/// <summary>Loads and stores sessions. Never saves by itself: handlers commit through <see cref="IUnitOfWork"/>.</summary>
public interface ISessionRepository
{
    /// <summary>Loads a session for change (tracked), whoever it belongs to and whether or not it is still live.</summary>
    Task<Session?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The user's sessions that have not expired at <paramref name="now"/>, newest first, without tracking.</summary>
    Task<IReadOnlyList<Session>> ListUnexpiredAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);

    void Add(Session session);

    /// <summary>Stages the deletion of the session; every token of it goes with it.</summary>
    void Remove(Session session);
}
