using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Users.Application;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Domain.Sessions;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Security;
using Users.Infrastructure.Security.Passwords;
using Users.Infrastructure.Settings;
using Users.Infrastructure.UnitTests.Persistence;
using Users.Infrastructure.UnitTests.TestDoubles;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests;

/// <summary>What AddInfrastructure registers, and the settings it binds.</summary>
public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task AddInfrastructure_BindsSettingsFromConfiguration()
    {
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(
            "Data Source=x.db",
            ("Database:Provider", "sqlite"),
            ("Database:MigrateOnStartup", "false"),
            ("Auth:AccessTokenLifetimeSeconds", "60"),
            ("Auth:VerifyTokenLifetimeSeconds", "61"),
            ("Auth:ResetPasswordTokenLifetimeSeconds", "62"),
            ("Auth:DatabaseTokens:PurgeIntervalSeconds", "63"),
            ("Auth:PasswordHashing:Iterations", "1234"),
            ("Auth:PasswordHashing:Argon2:MemoryKiB", "2048"),
            ("Auth:PasswordHashing:Argon2:Iterations", "3"),
            ("Auth:PasswordHashing:MaxConcurrent", "5"),
            ("Auth:PasswordHashing:QueueLimit", "0"),
            ("Auth:AcceptLegacyTokens", "true")));

        var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        Assert.Equal("sqlite", database.Provider);
        Assert.Equal("Data Source=x.db", database.ConnectionString);
        Assert.False(database.ShouldMigrateOnStartup);
        var auth = provider.GetRequiredService<IOptions<AuthTokenOptions>>().Value;
        Assert.Equal(60, auth.AccessTokenLifetimeSeconds);
        Assert.Equal(61, auth.VerifyTokenLifetimeSeconds);
        Assert.Equal(62, auth.ResetPasswordTokenLifetimeSeconds);
        Assert.True(auth.AcceptLegacyTokens);
        Assert.Equal(63, provider.GetRequiredService<IOptions<DatabaseTokenOptions>>().Value.PurgeIntervalSeconds);
        Assert.Equal(TestConfiguration.Secret, provider.GetRequiredService<IOptions<AuthTokenOptions>>().Value.Secret);
        var hashing = provider.GetRequiredService<IOptions<PasswordHashingOptions>>().Value;
        Assert.Equal((1234, 2048, 3, 5, 0), (hashing.Iterations, hashing.Argon2.MemoryKiB, hashing.Argon2.Iterations, hashing.MaxConcurrent, hashing.QueueLimit));
    }

    [Theory]
    [InlineData("Auth:PasswordHashing:Algorithm", "sha512")]
    [InlineData("auth:passwordhashing:algorithm", "SHA512")]
    [InlineData("AUTH:PASSWORDHASHING:ALGORITHM", " Sha512 ")]
    public async Task AddInfrastructure_BindsTheHashingAlgorithm_IgnoringCase_AndTheHasherWritesSha512(string key, string value)
    {
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(null, (key, value)));

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.True(provider.GetRequiredService<IOptions<PasswordHashingOptions>>().Value.IsSha512);
        Assert.StartsWith(
            "$pbkdf2-sha512$i=1000$", await provider.GetRequiredService<IPasswordHasher>().HashAsync("pw", CancellationToken.None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddInfrastructure_WithoutAHashingAlgorithm_UsesArgon2id_AtTheConfiguredCost()
    {
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create());

        Assert.Equal("argon2id", provider.GetRequiredService<IOptions<PasswordHashingOptions>>().Value.Algorithm);
        Assert.StartsWith(
            "$argon2id$v=19$m=64,t=1,p=1$", await provider.GetRequiredService<IPasswordHasher>().HashAsync("pw", CancellationToken.None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddInfrastructure_Defaults_AreSqliteAtUsersDb()
    {
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create());

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
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(
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
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(
            "Host=127.0.0.1;Port=1;Database=none;Username=none", ("Database:Provider", "Postgres")));
        await using var scope = provider.CreateAsyncScope();

        var reader = scope.ServiceProvider.GetRequiredService<IUserAccessReader>();

        Assert.IsType<NpgsqlUserAccessReader>(reader);
        Assert.Same(reader, provider.GetRequiredService<IUserAccessReader>());
    }

    [Fact]
    public async Task AddInfrastructure_Sqlite_ReadsTheCurrentUserThroughTheRequestsContext()
    {
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create());
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
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(null, ("Database:Provider", "Oracle")));
        await using var scope = provider.CreateAsyncScope();

        var strategies = scope.ServiceProvider.GetServices<IAccessTokenStrategy>().ToList();

        var wellFormed = new string('a', OpaqueTokens.Length);
        await Assert.ThrowsAsync<OptionsValidationException>(
            async () => await strategies.Named(AccessTokenStrategyNames.Database).ReadAsync(wellFormed, CancellationToken.None));
    }

    [Fact]
    public async Task AddInfrastructure_RegistersEveryPort()
    {
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create());
        await using var scope = provider.CreateAsyncScope();

        Assert.IsType<UserRepository>(scope.ServiceProvider.GetRequiredService<IUserRepository>());
        Assert.IsType<UnitOfWork>(scope.ServiceProvider.GetRequiredService<IUnitOfWork>());
        Assert.IsType<QueuedPasswordHasher>(provider.GetRequiredService<IPasswordHasher>());
        Assert.IsType<ZxcvbnCommonPasswordList>(provider.GetRequiredService<ICommonPasswordList>());
        Assert.Same(provider.GetRequiredService<IPasswordHasher>(), provider.GetRequiredService<IPasswordHasher>());
        Assert.IsType<JwtUserActionTokens>(provider.GetRequiredService<IUserActionTokens>());
        Assert.Same(provider.GetRequiredService<IUserActionTokens>(), provider.GetRequiredService<IUserActionTokens>());
        var purger = Assert.Single(provider.GetServices<IHostedService>().OfType<ExpiredRowsPurger>());
        Assert.Same(provider.GetRequiredService<ExpiredRowsPurger>(), purger);
    }

    [Fact]
    public async Task AddInfrastructure_RegistersTheJwtAndDatabaseStrategies_ByName()
    {
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create());
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
    public async Task StampRotation_CommittedThroughTheUnitOfWork_EndsTheUsersSessionsAndTheirTokens_WhenAddApplicationScansThisAssembly()
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
            var session = Session.Start(user, "cookie", SessionClient.Unknown, UserBuilder.DefaultCreatedAt);
            scope.ServiceProvider.GetRequiredService<ISessionRepository>().Add(session);
            await scope.ServiceProvider.GetServices<IAccessTokenStrategy>().Named("database").IssueAsync(user, session, CancellationToken.None);
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
}
