namespace Users.Api.IntegrationTests.Infrastructure;

public sealed class SqliteApiFixture : ApiFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
