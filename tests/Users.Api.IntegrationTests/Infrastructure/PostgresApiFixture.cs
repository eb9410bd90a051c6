namespace Users.Api.IntegrationTests.Infrastructure;

public sealed class PostgresApiFixture : ApiFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
