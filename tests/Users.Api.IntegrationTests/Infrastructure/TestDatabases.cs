namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>A fresh, empty database of either provider for tests that run their own service instances over it.</summary>
public static class TestDatabases
{
    /// <summary>
    /// A connection string to a new SQLite file or PostgreSQL database. Without PostgreSQL the calling test is skipped,
    /// except on CI (<c>CI=true</c>), where it fails.
    /// </summary>
    public static async Task<string> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("users-instances-").FullName, "users.db")}";
        }

        if (PostgresServer.ConnectionString is null)
        {
            Assert.False(PostgresServer.MustRun, $"CI=true but PostgreSQL is unavailable: {PostgresServer.UnavailableReason}");
            Skip.If(true, PostgresServer.UnavailableReason);
        }

        return await PostgresServer.CreateDatabaseAsync();
    }
}
