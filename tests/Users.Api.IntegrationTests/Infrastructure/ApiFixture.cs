namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>
/// One running service and its own empty database, shared by the tests of one class. The PostgreSQL flavour
/// skips (outside CI) when no PostgreSQL server can be had; in CI it fails instead.
/// </summary>
public abstract class ApiFixture : IAsyncLifetime
{
    private UsersApiFactory? _factory;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Why these tests cannot run here, or <c>null</c>.</summary>
    public string? SkipReason { get; private set; }

    public UsersApiFactory Factory => _factory ?? throw new InvalidOperationException(SkipReason ?? "The fixture has not started.");

    /// <summary>Extra settings for the service (for example <c>Auth:RequireVerification</c>).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        if (connectionString is null)
        {
            return;
        }

        _factory = new UsersApiFactory(Provider, connectionString, Settings);
        _ = _factory.Server; // start now: migrations run here, not inside the first test's timing
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>Skips the calling test when this fixture has no database (never in CI).</summary>
    public void SkipIfUnavailable() => Skip.If(SkipReason is not null, SkipReason);

    private async Task<string?> CreateDatabaseAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("users-sqlite-").FullName;
            return $"Data Source={Path.Combine(directory, "users.db")}";
        }

        if (PostgresServer.ConnectionString is null)
        {
            if (PostgresServer.MustRun)
            {
                throw new InvalidOperationException($"CI=true but PostgreSQL is unavailable: {PostgresServer.UnavailableReason}");
            }

            SkipReason = PostgresServer.UnavailableReason;
            return null;
        }

        return await PostgresServer.CreateDatabaseAsync();
    }
}
