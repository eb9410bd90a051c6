using Users.Application.Users;

namespace Users.Application.Abstractions.Persistence;

/// <summary>
/// The current-user lookup (see <see cref="UserAccess"/>), the one query of every authenticated request. Kept apart
/// from <see cref="IUserRepository"/> because it runs before any unit of work of the request exists, so an
/// implementation may serve it straight from the connection pool without leasing the request's database context.
/// </summary>
public interface IUserAccessReader
{
    /// <summary>
    /// The user <paramref name="id"/> and, in the same query, whether <paramref name="sessionId"/> is one of that
    /// user's sessions (<see cref="UserAccess.SessionLastUsedAt"/> is <c>null</c> when it is not, or has ended).
    /// <c>null</c> when there is no such user.
    /// </summary>
    Task<UserAccess?> FindAccessAsync(Guid id, Guid sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the session was used at <paramref name="now"/>, unless another request recorded a use within
    /// <see cref="Domain.Sessions.Session.LastUsedResolution"/> (one conditional write; racing requests write once).
    /// </summary>
    Task TouchSessionAsync(Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken);
}
