namespace Users.Api.IntegrationTests.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Theory data for tests that build their own service per provider instead of using a fixture.</summary>
public static class DatabaseProviders
{
    public static TheoryData<DatabaseProvider> All => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };
}
