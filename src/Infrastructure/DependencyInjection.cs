using System.Data;
using Mapster;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Adoption;
using Users.Application.Abstractions.Audit;
using Users.Application.Abstractions.OAuth;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Settings;
using Users.Infrastructure.Adoption;
using Users.Infrastructure.Mail;
using Users.Infrastructure.OAuth;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Redis;
using Users.Infrastructure.Security;
using Users.Infrastructure.Security.Passwords;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Data Protection's application name: instances with the same one (and the same database) share keys.</summary>
    public const string DataProtectionApplicationName = "Users";

    /// <summary>
    /// Registers the settings (validated at start), the database for the configured provider, the repository, the
    /// current-user reader of that provider and the unit of work, password hashing, both access token strategies
    /// (<c>jwt</c> singleton, <c>database</c> scoped), the verification and reset tokens, the expired-token purge
    /// (a hosted service), the common-password list and the database health check. The domain-event hooks of
    /// this assembly (<see cref="EndSessionsOnStampRotation"/>) are registered by
    /// <c>AddApplication(typeof(Users.Infrastructure.DependencyInjection).Assembly)</c>.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(services, o => ConfigurationBinding.Bind(configuration, o));
        AddValidatedOptions<AuthTokenOptions, AuthTokenOptionsValidator>(services, o => ConfigurationBinding.Bind(configuration, o));
        AddValidatedOptions<PasswordHashingOptions, PasswordHashingOptionsValidator>(
            services, o => ConfigurationBinding.Bind(configuration, o));
        AddValidatedOptions<DatabaseTokenOptions, DatabaseTokenOptionsValidator>(services, o => ConfigurationBinding.Bind(configuration, o));
        AddValidatedOptions<AuditOptions, AuditOptionsValidator>(services, o => ConfigurationBinding.Bind(configuration, o));

        // The provider decides the context type, so it is read here. An unknown one gets a context registration
        // that fails with the validation message, at start-up (ValidateOnStart) or at the latest on first use.
        var provider = configuration[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)}"]?.Trim();
        var selection = new DatabaseOptions { Provider = provider ?? DatabaseOptions.SqliteProvider };
        if (selection.IsPostgres)
        {
            // One connection string for EF Core and the current-user reader: Npgsql pools by connection string.
            services.AddDbContextPool<PostgresUsersDbContext>((sp, options) => options.UseNpgsql(PostgresConnectionString(sp)));
            services.AddScoped<UsersDbContext>(sp => sp.GetRequiredService<PostgresUsersDbContext>());
            services.AddSingleton<IUserAccessReader>(sp =>
                new NpgsqlUserAccessReader(
                    PostgresConnectionString(sp), sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TypeAdapterConfig>()));
        }
        else if (selection.IsSqlite)
        {
            services.AddDbContextPool<SqliteUsersDbContext>((sp, options) => options.UseSqlite(ConnectionString(sp)));
            services.AddScoped<UsersDbContext>(sp => sp.GetRequiredService<SqliteUsersDbContext>());
            services.AddScoped<IUserAccessReader, ContextUserAccessReader>();
        }
        else
        {
            services.AddScoped<UsersDbContext>(sp =>
            {
                _ = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value; // throws the validation message
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported.");
            });
            services.AddScoped<IUserAccessReader, ContextUserAccessReader>();
        }

        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<ISessionRepository, SessionRepository>();
        services.AddScoped<IRefreshTokenRepository, RefreshTokenRepository>();
        services.AddScoped<IAuditLog, AuditLog>();
        services.TryAddScoped<IAuditContext, NoAuditContext>(); // the Api's own, registered after, replaces it
        services.AddSingleton<IRefreshTokenCodec, RefreshTokenCodec>();
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddSingleton<IDatabaseErrorClassifier, DatabaseErrorClassifier>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PasswordHashFormats>();
        services.AddSingleton<PasswordHashingQueue>();
        services.AddSingleton<IPasswordHasher, QueuedPasswordHasher>();

        // Both strategies, each under its name: the JWT one is stateless; the database one works in the request's context.
        services.AddSingleton<IAccessTokenStrategy, JwtAccessTokenService>();
        services.AddScoped<IAccessTokenStrategy, DatabaseAccessTokenStrategy>();
        services.AddSingleton<IUserActionTokens, JwtUserActionTokens>();
        services.AddScoped<ILoginThrottle, DatabaseLoginThrottle>();
        AddRateLimitCounters(services, configuration);
        services.AddSingleton<ExpiredRowsPurger>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpiredRowsPurger>());
        services.AddSingleton<ICommonPasswordList, ZxcvbnCommonPasswordList>();

        services.AddScoped<IFastApiUsersReader, FastApiUsersReader>();
        services.AddScoped<IAdoptionStore, AdoptionStore>();

        services.AddEmailDelivery(configuration);
        AddOAuth(services);

        services.AddHealthChecks().AddDbContextCheck<UsersDbContext>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// Applies pending migrations of the configured provider, logging each, and switches SQLite to write-ahead
    /// logging so readers and the single writer do not block each other.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value; // throws the validation message if invalid
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DependencyInjection).FullName!);
        var db = provider.GetRequiredService<UsersDbContext>();
        await using var migrationLock = await MigrationLock.AcquireAsync(db, cancellationToken);

        // EF Core reads the history table without checking that it exists, and logs the failed read as an error, on
        // the first migration of an empty PostgreSQL database (dotnet/efcore#37328): the first start of every new
        // deployment would print "fail:" lines for a normal event. Creating the table first, as Migrate itself
        // would, keeps that log clean.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            MigrationLog.UpToDate(logger, options.Provider);
        }
        else
        {
            MigrationLog.Applying(logger, pending.Count, options.Provider, pending);
            await db.Database.MigrateAsync(cancellationToken);
            MigrationLog.Applied(logger, pending.Count);
        }

        if (db.Database.IsSqlite())
        {
            var journalMode = await EnableWriteAheadLogAsync(db, cancellationToken);
            MigrationLog.JournalMode(logger, journalMode);
        }
    }

    // In Redis when it is configured (shared by every instance over it, forgotten by expiry), else in the database; and
    // with Redis, the redis token strategy (FastAPI Users' RedisStrategy) for backends that name it.
    private static void AddRateLimitCounters(IServiceCollection services, IConfiguration configuration)
    {
        var redis = new RedisOptions { Configuration = configuration[$"{RedisOptions.SectionName}:{nameof(RedisOptions.Configuration)}"] };
        services.AddOptions<RedisOptions>().Configure(o => o.Configuration = redis.Configuration)
            .Validate(o => !o.IsConfigured || RedisConfigurationParses(o.Configuration!),
                "Redis:Configuration cannot be read as a StackExchange.Redis configuration string (such as redis.internal:6379,password=...).")
            .ValidateOnStart();
        if (!redis.IsConfigured)
        {
            services.AddSingleton<IRateLimitCounter, DatabaseRateLimitCounter>();
            return;
        }

        services.AddSingleton(_ => new RedisConnection(redis.Configuration!));
        services.AddSingleton<IRateLimitCounter, RedisRateLimitCounter>();
        services.AddSingleton<IAccessTokenStrategy, RedisAccessTokenStrategy>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
    }

    // Provider tokens are encrypted with Data Protection, whose keys live in the database so every instance shares them.
    // The providers themselves come from OAuthOptions, which the Api binds and validates (it knows the backends).
    private static void AddOAuth(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName).PersistKeysToDbContext<UsersDbContext>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<AuthTokenOptions>>((o, auth) => o.XmlEncryptor = new SecretXmlEncryptor(auth));
        services.AddSingleton<IProviderTokenProtector, ProviderTokenProtector>();
        services.AddSingleton<IOAuthStateTokens, OAuthStateTokens>();
        services.AddHttpClient(OAuthProviderClient.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<OAuthOptions>>().Value.TimeoutSeconds));
        services.AddSingleton<OpenIdConnectDiscovery>();
        services.AddSingleton<OpenIdConnectIdTokens>();
        services.AddSingleton<IOAuthProviderClient, OAuthProviderClient>();
    }

    private static bool RedisConfigurationParses(string configuration)
    {
        try
        {
            return RedisConnection.Options(configuration).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void AddValidatedOptions<TOptions, TValidator>(IServiceCollection services, Action<TOptions> bind)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Configure(bind).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }

    private static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;

    private static string PostgresConnectionString(IServiceProvider services) => PostgresConnectionDefaults.Apply(ConnectionString(services));

    // WAL is a property of the database file: set once, it holds for every later connection. Waiting on a busy
    // database needs nothing here: Microsoft.Data.Sqlite retries a locked statement until the command timeout
    // (30 s unless the connection string says otherwise).
    private static async Task<string?> EnableWriteAheadLogAsync(UsersDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            return (await command.ExecuteScalarAsync(cancellationToken))?.ToString();
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
