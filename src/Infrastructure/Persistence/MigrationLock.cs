using Microsoft.EntityFrameworkCore;

namespace Users.Infrastructure.Persistence;

/// <summary>
/// Makes instances that start together over one PostgreSQL database migrate it one at a time: a session-level
/// advisory lock held, on the context's connection, across everything <c>MigrateDatabaseAsync</c> does. EF Core's own
/// migration lock is not enough there: it is a table lock taken per migration transaction, so between two migrations
/// another instance that read the pending list earlier can run one again ("relation already exists"). The lock is
/// released on disposal, before the connection returns to the pool (which does not reset sessions), and by the server
/// when the process dies. SQLite needs none: EF Core's lock row covers its single writer.
/// </summary>
internal sealed class MigrationLock : IAsyncDisposable
{
    // Any fixed 64-bit number: the advisory lock's name, shared by every instance of the service.
    private const long Key = 0x5573_6572_734D_6967; // "UsersMig"

    private readonly UsersDbContext _db;

    private MigrationLock(UsersDbContext db) => _db = db;

    public static async Task<MigrationLock?> AcquireAsync(UsersDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return null;
        }

        await db.Database.OpenConnectionAsync(cancellationToken); // one connection for the lock and the migrations
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({Key})", cancellationToken);
        return new MigrationLock(db);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({Key})", CancellationToken.None);
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }
}
