using Microsoft.EntityFrameworkCore;
using Users.Application.Users;
using Users.Domain.Users;

namespace Users.Infrastructure.Persistence;

/// <summary>
/// The queries on every authenticated request, compiled once: EF then skips building and hashing the expression
/// tree per call. One instance per context type, because a compiled query keeps the executor of the first
/// provider it ran on (tests run SQLite and PostgreSQL in one process).
/// </summary>
internal static class CompiledUserQueries<TContext>
    where TContext : UsersDbContext
{
    public static readonly Func<TContext, Guid, CancellationToken, Task<User?>> FindForRead =
        EF.CompileAsyncQuery((TContext db, Guid id, CancellationToken cancellationToken) =>
            db.Users.AsNoTracking().FirstOrDefault(u => u.Id == id));

    // The same fields as UserMappings.ToRead, projected in SQL so only six columns travel.
    public static readonly Func<TContext, Guid, CancellationToken, Task<UserAccess?>> FindAccess =
        EF.CompileAsyncQuery((TContext db, Guid id, CancellationToken cancellationToken) =>
            db.Users
                .Where(u => u.Id == id)
                .Select(u => new UserAccess(new UserRead(u.Id, u.Email, u.IsActive, u.IsSuperuser, u.IsVerified), u.SecurityStamp))
                .FirstOrDefault());
}
