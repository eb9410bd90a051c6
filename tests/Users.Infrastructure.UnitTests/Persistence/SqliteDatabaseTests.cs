using Users.Domain.Users;

namespace Users.Infrastructure.UnitTests.Persistence;

/// <summary>Tests that each get a migrated SQLite file of their own, deleted once the test is done.</summary>
public abstract class SqliteDatabaseTests : IAsyncLifetime
{
    protected SqliteTestDatabase Database { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Database = await SqliteTestDatabase.CreateMigratedAsync();

    public virtual async Task DisposeAsync() => await Database.DisposeAsync();

    /// <summary>Stores the users through a context of their own, so the one a test then opens starts with nothing tracked.</summary>
    protected async Task SaveAsync(params User[] users)
    {
        await using var db = Database.CreateContext();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
    }
}
