using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Users.Infrastructure.Persistence;

namespace Users.Infrastructure.UnitTests.Persistence;

/// <summary>A real SQLite file in its own temporary directory, migrated the way production migrates it.</summary>
public sealed class SqliteTestDatabase : IAsyncDisposable
{
    private readonly string _directory;

    private SqliteTestDatabase(string directory)
    {
        _directory = directory;
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "users.db") }.ToString();
    }

    public string ConnectionString { get; }

    public static async Task<SqliteTestDatabase> CreateMigratedAsync()
    {
        var database = CreateEmpty();
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public static SqliteTestDatabase CreateEmpty()
    {
        var directory = Path.Combine(Path.GetTempPath(), "users-infra-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new SqliteTestDatabase(directory);
    }

    public SqliteUsersDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<SqliteUsersDbContext>().UseSqlite(ConnectionString).Options);

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them before deleting it.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
