using Npgsql;
using Users.Infrastructure.Persistence;

namespace Users.Infrastructure.UnitTests.Persistence;

public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void Apply_WithoutTheKeyword_TurnsOnAutomaticPreparation_AndKeepsEverythingElse()
    {
        var applied = new NpgsqlConnectionStringBuilder(
            PostgresConnectionDefaults.Apply("Host=db.internal;Port=6432;Database=users;Username=app;Password=s3cret;Maximum Pool Size=40"));

        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, applied.MaxAutoPrepare);
        Assert.Equal("db.internal", applied.Host);
        Assert.Equal(6432, applied.Port);
        Assert.Equal("users", applied.Database);
        Assert.Equal("app", applied.Username);
        Assert.Equal("s3cret", applied.Password);
        Assert.Equal(40, applied.MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;max auto prepare=5", 5)]
    [InlineData("Host=db;MaxAutoPrepare=7", 7)]
    public void Apply_KeepsAnExplicitSetting(string connectionString, int expected)
    {
        var applied = PostgresConnectionDefaults.Apply(connectionString);

        Assert.Equal(connectionString, applied);
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(applied).MaxAutoPrepare);
    }
}
