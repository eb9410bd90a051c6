using Users.Application.Users;

namespace Users.Application.Abstractions.Persistence;

/// <summary>
/// The current-user lookup (see <see cref="UserAccess"/>), the one query of every authenticated request. Kept apart
/// from <see cref="IUserRepository"/> because it runs before any unit of work of the request exists, so an
/// implementation may serve it straight from the connection pool without leasing the request's database context.
/// </summary>
public interface IUserAccessReader
{
    Task<UserAccess?> FindAccessAsync(Guid id, CancellationToken cancellationToken);
}
