using Npgsql;
using Users.Infrastructure.Persistence;

namespace Users.Infrastructure.UnitTests.Persistence;

public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void Apply_WithoutTheKeywords_TurnsOnAutomaticPreparationAndOffTheResetOnClose_AndKeepsEverythingElse()
    {
        var applied = new NpgsqlConnectionStringBuilder(
            PostgresConnectionDefaults.Apply("Host=db.internal;Port=6432;Database=users;Username=app;Password=s3cret;Maximum Pool Size=40"));

        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, applied.MaxAutoPrepare);
        Assert.True(applied.NoResetOnClose);
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
    public void Apply_KeepsAnExplicitAutoPreparation(string connectionString, int expected)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(connectionString));

        Assert.Equal(expected, applied.MaxAutoPrepare);
        Assert.True(applied.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false", false)]
    [InlineData("Host=db;noresetonclose=true", true)]
    public void Apply_KeepsAnExplicitResetOnClose(string connectionString, bool expected)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(connectionString));

        Assert.Equal(expected, applied.NoResetOnClose);
        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, applied.MaxAutoPrepare);
    }

    [Fact]
    public void Apply_WithBothKeywords_ReturnsTheStringUnchanged()
    {
        const string connectionString = "Host=db;Max Auto Prepare=0;No Reset On Close=false";

        Assert.Equal(connectionString, PostgresConnectionDefaults.Apply(connectionString));
    }
}
