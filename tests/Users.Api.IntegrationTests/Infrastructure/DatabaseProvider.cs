namespace Users.Api.IntegrationTests.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
