using Microsoft.EntityFrameworkCore;
using Users.Domain.Users;

namespace Users.Infrastructure.Persistence;

/// <summary>
/// The superuser's read by id, compiled once: EF then skips building and hashing the expression
/// tree per call. One instance per context type, because a compiled query keeps the executor of the first
/// provider it ran on (tests run SQLite and PostgreSQL in one process).
/// </summary>
internal static class CompiledUserQueries<TContext>
    where TContext : UsersDbContext
{
    public static readonly Func<TContext, Guid, CancellationToken, Task<User?>> FindForRead =
        EF.CompileAsyncQuery((TContext db, Guid id, CancellationToken cancellationToken) =>
            db.Users.AsNoTracking().FirstOrDefault(u => u.Id == id));
}
