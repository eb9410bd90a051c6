using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

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

    /// <summary>An open plain ADO.NET connection to the database, to look at what the service stored as an operator would.</summary>
    public static async Task<DbConnection> OpenAsync(DatabaseProvider provider, string connectionString)
    {
        DbConnection connection = provider == DatabaseProvider.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
