using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NSubstitute;
using Users.Application;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Common.Events;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Security;
using Users.Infrastructure.Settings;
using Users.Infrastructure.UnitTests.Persistence;
using Users.Infrastructure.UnitTests.TestDoubles;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task AddInfrastructure_BindsSettingsFromConfiguration()
    {
        await using var provider = Build(TestConfiguration.Create(
            "Data Source=x.db",
            ("Database:Provider", "sqlite"),
            ("Database:MigrateOnStartup", "false"),
            ("Auth:AccessTokenLifetimeSeconds", "60"),
            ("Auth:VerifyTokenLifetimeSeconds", "61"),
            ("Auth:ResetPasswordTokenLifetimeSeconds", "62"),
            ("Auth:DatabaseTokens:PurgeIntervalSeconds", "63"),
            ("Auth:PasswordHashing:Iterations", "1234")));

        var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        Assert.Equal("sqlite", database.Provider);
        Assert.Equal("Data Source=x.db", database.ConnectionString);
        Assert.False(database.ShouldMigrateOnStartup);
        var auth = provider.GetRequiredService<IOptions<AuthTokenOptions>>().Value;
        Assert.Equal(60, auth.AccessTokenLifetimeSeconds);
        Assert.Equal(61, auth.VerifyTokenLifetimeSeconds);
        Assert.Equal(62, auth.ResetPasswordTokenLifetimeSeconds);
        Assert.Equal(63, provider.GetRequiredService<IOptions<DatabaseTokenOptions>>().Value.PurgeIntervalSeconds);
        Assert.Equal(TestConfiguration.Secret, provider.GetRequiredService<IOptions<AuthTokenOptions>>().Value.Secret);
        Assert.Equal(1234, provider.GetRequiredService<IOptions<PasswordHashingOptions>>().Value.Iterations);
    }

    [Theory]
    [InlineData("Auth:PasswordHashing:Algorithm", "sha512")]
    [InlineData("auth:passwordhashing:algorithm", "SHA512")]
    [InlineData("AUTH:PASSWORDHASHING:ALGORITHM", " Sha512 ")]
    public async Task AddInfrastructure_BindsTheHashingAlgorithm_IgnoringCase_AndTheHasherWritesSha512(string key, string value)
    {
        await using var provider = Build(TestConfiguration.Create(null, (key, value)));

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.True(provider.GetRequiredService<IOptions<PasswordHashingOptions>>().Value.IsSha512);
        Assert.StartsWith("$pbkdf2-sha512$i=1000$", provider.GetRequiredService<IPasswordHasher>().Hash("pw"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddInfrastructure_WithoutAHashingAlgorithm_UsesSha256()
    {
        await using var provider = Build(TestConfiguration.Create());

        Assert.Equal("sha256", provider.GetRequiredService<IOptions<PasswordHashingOptions>>().Value.Algorithm);
        Assert.StartsWith("$pbkdf2-sha256$i=1000$", provider.GetRequiredService<IPasswordHasher>().Hash("pw"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartupValidation_WithAnUnknownHashingAlgorithm_FailsNamingTheSettingAndTheChoices()
    {
        await using var provider = Build(TestConfiguration.Create(null, ("Auth:PasswordHashing:Algorithm", "argon2")));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(exception.Failures, f => f.StartsWith("Auth:PasswordHashing:Algorithm is 'argon2'", StringComparison.Ordinal)
            && f.Contains("'sha256' or 'sha512'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddInfrastructure_Defaults_AreSqliteAtUsersDb()
    {
        await using var provider = Build(TestConfiguration.Create());

        var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        Assert.Equal("Data Source=users.db", database.ConnectionString);
        Assert.True(database.ShouldMigrateOnStartup);
        var auth = provider.GetRequiredService<IOptions<AuthTokenOptions>>().Value;
        Assert.Equal(3600, auth.AccessTokenLifetimeSeconds);
        Assert.Equal(3600, auth.VerifyTokenLifetimeSeconds);
        Assert.Equal(3600, auth.ResetPasswordTokenLifetimeSeconds);
        Assert.Equal(3600, provider.GetRequiredService<IOptions<DatabaseTokenOptions>>().Value.PurgeIntervalSeconds);
        await using var scope = provider.CreateAsyncScope();
        Assert.IsType<SqliteUsersDbContext>(scope.ServiceProvider.GetRequiredService<UsersDbContext>());
    }

    [Fact]
    public async Task AddInfrastructure_Postgres_RegistersThePostgresContext()
    {
        await using var provider = Build(TestConfiguration.Create(
            "Host=127.0.0.1;Port=1;Database=none;Username=none", ("Database:Provider", "Postgres")));

        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();

        Assert.IsType<PostgresUsersDbContext>(db);
        Assert.Same(db, scope.ServiceProvider.GetRequiredService<PostgresUsersDbContext>());
        Assert.False(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ShouldMigrateOnStartup);
    }

    [Fact]
    public async Task AddInfrastructure_Postgres_ReadsTheCurrentUserFromThePool_WithOneSingletonReader()
    {
        await using var provider = Build(TestConfiguration.Create(
            "Host=127.0.0.1;Port=1;Database=none;Username=none", ("Database:Provider", "Postgres")));
        await using var scope = provider.CreateAsyncScope();

        var reader = scope.ServiceProvider.GetRequiredService<IUserAccessReader>();

        Assert.IsType<NpgsqlUserAccessReader>(reader);
        Assert.Same(reader, provider.GetRequiredService<IUserAccessReader>());
    }

    [Fact]
    public async Task AddInfrastructure_Sqlite_ReadsTheCurrentUserThroughTheRequestsContext()
    {
        await using var provider = Build(TestConfiguration.Create());
        await using var scope = provider.CreateAsyncScope();
        await using var otherScope = provider.CreateAsyncScope();

        var reader = scope.ServiceProvider.GetRequiredService<IUserAccessReader>();

        Assert.IsType<ContextUserAccessReader>(reader);
        Assert.NotSame(reader, otherScope.ServiceProvider.GetRequiredService<IUserAccessReader>());
    }

    [Fact]
    public async Task ConstructingTheStrategies_LeasesNoContext_UntilTheDatabaseStrategyIsUsed()
    {
        // With an unknown provider, resolving the context throws: constructing every strategy must not resolve it
        // (a JWT-authenticated request looks its strategy up among all of them), using the database one must.
        await using var provider = Build(TestConfiguration.Create(null, ("Database:Provider", "Oracle")));
        await using var scope = provider.CreateAsyncScope();

        var strategies = scope.ServiceProvider.GetServices<IAccessTokenStrategy>().ToList();

        var wellFormed = new string('a', DatabaseAccessTokenStrategy.TokenLength);
        await Assert.ThrowsAsync<OptionsValidationException>(
            async () => await strategies.Named(AccessTokenStrategyNames.Database).ReadAsync(wellFormed, CancellationToken.None));
    }

    [Fact]
    public async Task AddInfrastructure_RegistersEveryPort()
    {
        await using var provider = Build(TestConfiguration.Create());
        await using var scope = provider.CreateAsyncScope();

        Assert.IsType<UserRepository>(scope.ServiceProvider.GetRequiredService<IUserRepository>());
        Assert.IsType<UnitOfWork>(scope.ServiceProvider.GetRequiredService<IUnitOfWork>());
        Assert.IsType<Pbkdf2PasswordHasher>(provider.GetRequiredService<IPasswordHasher>());
        Assert.IsType<ZxcvbnCommonPasswordList>(provider.GetRequiredService<ICommonPasswordList>());
        Assert.Same(provider.GetRequiredService<IPasswordHasher>(), provider.GetRequiredService<IPasswordHasher>());
        Assert.IsType<JwtUserActionTokens>(provider.GetRequiredService<IUserActionTokens>());
        Assert.Same(provider.GetRequiredService<IUserActionTokens>(), provider.GetRequiredService<IUserActionTokens>());
        var purger = Assert.Single(provider.GetServices<IHostedService>().OfType<ExpiredAccessTokenPurger>());
        Assert.Same(provider.GetRequiredService<ExpiredAccessTokenPurger>(), purger);
    }

    [Fact]
    public async Task AddInfrastructure_RegistersTheJwtAndDatabaseStrategies_ByName()
    {
        await using var provider = Build(TestConfiguration.Create());
        await using var scope = provider.CreateAsyncScope();
        await using var otherScope = provider.CreateAsyncScope();

        var strategies = scope.ServiceProvider.GetServices<IAccessTokenStrategy>().ToList();

        Assert.Equal(["database", "jwt"], strategies.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.IsType<JwtAccessTokenService>(strategies.Named(AccessTokenStrategyNames.Jwt));
        Assert.IsType<DatabaseAccessTokenStrategy>(strategies.Named(AccessTokenStrategyNames.Database));
        var others = otherScope.ServiceProvider.GetServices<IAccessTokenStrategy>().ToList();
        Assert.Same(strategies.Named("jwt"), others.Named("jwt"));
        Assert.NotSame(strategies.Named("database"), others.Named("database"));
    }

    [Fact]
    public async Task StampRotation_CommittedThroughTheUnitOfWork_DeletesTheUsersDatabaseTokens_WhenAddApplicationScansThisAssembly()
    {
        await using var database = SqliteTestDatabase.CreateEmpty();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication(typeof(DependencyInjection).Assembly);
        services.AddInfrastructure(TestConfiguration.Create(database.ConnectionString));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider.MigrateDatabaseAsync();
        var user = new UserBuilder().WithEmail("rotating@example.com").Build();
        await using (var scope = provider.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IUserRepository>().Add(user);
            await scope.ServiceProvider.GetServices<IAccessTokenStrategy>().Named("database").IssueAsync(user, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var loaded = await scope.ServiceProvider.GetRequiredService<IUserRepository>().GetByIdAsync(user.Id, CancellationToken.None);
            loaded!.RevokeAllTokens(UserBuilder.DefaultCreatedAt);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<UsersDbContext>().AccessTokens.AnyAsync());
        }
    }

    [Fact]
    public async Task StartupValidation_WithoutSecret_FailsWithTheInstruction()
    {
        await using var provider = Build(TestConfiguration.Create(null, ("Auth:Secret", null)));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(AuthTokenOptionsValidator.SecretMessage, exception.Failures);
    }

    [Fact]
    public async Task StartupValidation_WithUnknownProvider_FailsNamingTheChoices()
    {
        await using var provider = Build(TestConfiguration.Create(null, ("Database:Provider", "Oracle")));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(exception.Failures, f => f.Contains("'Oracle'", StringComparison.Ordinal) && f.Contains("'Sqlite' or 'Postgres'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownProvider_ResolvingTheContext_FailsWithTheValidationMessage()
    {
        await using var provider = Build(TestConfiguration.Create(null, ("Database:Provider", "Oracle")));
        await using var scope = provider.CreateAsyncScope();

        var exception = Assert.Throws<OptionsValidationException>(() => scope.ServiceProvider.GetRequiredService<IUserRepository>());

        Assert.Contains(exception.Failures, f => f.Contains("Database:Provider", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Auth:AccessTokenLifetimeSeconds", "an hour")]
    [InlineData("Auth:VerifyTokenLifetimeSeconds", "1h")]
    [InlineData("Auth:ResetPasswordTokenLifetimeSeconds", "3600.5")]
    [InlineData("Auth:DatabaseTokens:PurgeIntervalSeconds", "hourly")]
    [InlineData("Auth:PasswordHashing:Iterations", "1e6")]
    [InlineData("Database:MigrateOnStartup", "yes")]
    public async Task StartupValidation_WithAnUnparseableValue_FailsNamingTheSetting(string key, string value)
    {
        await using var provider = Build(TestConfiguration.Create(null, (key, value)));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(exception.Failures, f => f.StartsWith($"{key} is '{value}'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Auth:VerifyTokenLifetimeSeconds", "0")]
    [InlineData("Auth:ResetPasswordTokenLifetimeSeconds", "-5")]
    [InlineData("Auth:DatabaseTokens:PurgeIntervalSeconds", "0")]
    public async Task StartupValidation_WithANonPositiveTokenSetting_FailsNamingIt(string key, string value)
    {
        await using var provider = Build(TestConfiguration.Create(null, (key, value)));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(exception.Failures, f => f.StartsWith($"{key} is {value};", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartupValidation_WithValidSettings_Passes()
    {
        await using var provider = Build(TestConfiguration.Create());

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public async Task MigrateDatabase_CreatesTheSchema_SwitchesSqliteToWal_AndTheHealthCheckPasses()
    {
        await using var database = SqliteTestDatabase.CreateEmpty();
        await using var provider = Build(TestConfiguration.Create(database.ConnectionString));

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
        await using var provider = Build(TestConfiguration.Create(database.ConnectionString + ";Mode=ReadOnly"));

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
    }

    [Fact]
    public async Task ConcurrentRegistrations_OnOneSqliteFile_AllCommit()
    {
        await using var database = SqliteTestDatabase.CreateEmpty();
        await using var provider = Build(TestConfiguration.Create(database.ConnectionString));
        await provider.MigrateDatabaseAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => RegisterAsync(provider, $"user{i}@example.com"))));

        Assert.All(outcomes, Assert.Null);
        Assert.Equal(20, await CountUsersAsync(provider));
    }

    [Fact]
    public async Task ConcurrentRegistrations_OfOneAddress_CommitExactlyOnce_TheRestAreEmailAlreadyTaken()
    {
        await using var database = SqliteTestDatabase.CreateEmpty();
        await using var provider = Build(TestConfiguration.Create(database.ConnectionString));
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

    private static ServiceProvider Build(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped(_ => Substitute.For<IDomainEventPublisher>()); // the Application layer's, which AddApplication registers
        services.AddSingleton(TestMappings.Configuration);
        services.AddInfrastructure(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
