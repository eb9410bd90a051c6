using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Infrastructure;
using Users.Infrastructure.Persistence;

namespace Users.Api.IntegrationTests.Platform;

/// <summary>
/// The first migration of an empty database is a normal event: its log says what was applied and holds no error
/// (EF Core alone logs a failed read of the missing history table on PostgreSQL).
/// </summary>
public sealed class MigrationLogTests
{
    [SkippableTheory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task MigratingAnEmptyDatabase_AppliesEveryMigration_AndLogsNoError(DatabaseProvider provider)
    {
        var logs = new CollectingLoggerProvider();
        await using var services = Build(provider, await EmptyDatabaseAsync(provider), logs);

        await services.MigrateDatabaseAsync();

        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.Contains(logs.Entries, e => e.Message.StartsWith("Applying ", StringComparison.Ordinal));
        await using var scope = services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<UsersDbContext>().Database.GetPendingMigrationsAsync());
    }

    private static async Task<string> EmptyDatabaseAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("users-sqlite-").FullName, "users.db")}";
        }

        Skip.If(PostgresServer.ConnectionString is null && !PostgresServer.MustRun, PostgresServer.UnavailableReason);
        return await PostgresServer.CreateDatabaseAsync();
    }

    private static ServiceProvider Build(DatabaseProvider provider, string connectionString, CollectingLoggerProvider logs)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                ["ConnectionStrings:Users"] = connectionString,
                ["Auth:Secret"] = UsersApiFactory.Secret,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        services.AddInfrastructure(configuration);
        return services.BuildServiceProvider();
    }

    private sealed class CollectingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

        public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Collector(_entries);

        public void Dispose()
        {
        }

        private sealed class Collector(ConcurrentQueue<(LogLevel Level, string Message)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
