using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Users.Application.Abstractions.Persistence;
using Users.Infrastructure.UnitTests.Persistence;
using Users.Infrastructure.UnitTests.TestDoubles;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests;

/// <summary>The database AddInfrastructure sets up: migrated at start-up, health-checked, and safe under concurrent writes.</summary>
public sealed class DatabaseSetupTests
{
    [Fact]
    public async Task MigrateDatabase_CreatesTheSchema_SwitchesSqliteToWal_AndTheHealthCheckPasses()
    {
        await using var database = SqliteTestDatabase.CreateEmpty();
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(database.ConnectionString));

        await provider.MigrateDatabaseAsync();
        await provider.MigrateDatabaseAsync(); // idempotent

        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("wal", await command.ExecuteScalarAsync());
            command.CommandText = "SELECT count(*) FROM users;";
            Assert.Equal(0L, await command.ExecuteScalarAsync());
        }

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Contains("database", report.Entries.Keys);
    }

    [Fact]
    public async Task HealthCheck_WithoutTheSchema_IsNotHealthy()
    {
        await using var database = SqliteTestDatabase.CreateEmpty();
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(database.ConnectionString + ";Mode=ReadOnly"));

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
    }

    [Fact]
    public async Task ConcurrentRegistrations_OnOneSqliteFile_AllCommit()
    {
        await using var database = SqliteTestDatabase.CreateEmpty();
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(database.ConnectionString));
        await provider.MigrateDatabaseAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => RegisterAsync(provider, $"user{i}@example.com"))));

        Assert.All(outcomes, Assert.Null);
        Assert.Equal(20, await CountUsersAsync(provider));
    }

    [Fact]
    public async Task ConcurrentRegistrations_OfOneAddress_CommitExactlyOnce_TheRestAreEmailAlreadyTaken()
    {
        await using var database = SqliteTestDatabase.CreateEmpty();
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(database.ConnectionString));
        await provider.MigrateDatabaseAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => RegisterAsync(provider, i % 2 == 0 ? "twin@example.com" : "TWIN@Example.com"))));

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.Where(o => o is not null), o => Assert.IsType<EmailAlreadyTakenException>(o));
        Assert.Equal(1, await CountUsersAsync(provider));
    }

    // Registers without checking first, so every collision reaches the database's unique index.
    private static async Task<Exception?> RegisterAsync(IServiceProvider provider, string email)
    {
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IUserRepository>().Add(new UserBuilder().WithEmail(email).Build());
        try
        {
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    private static async Task<int> CountUsersAsync(IServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<IUserRepository>();
        return (await repository.ListAsync(new UserListCriteria(100, null, null, null), CancellationToken.None)).Count;
    }
}
