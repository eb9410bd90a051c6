using Microsoft.EntityFrameworkCore;
using Users.Application.Abstractions.Persistence;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Persistence.Configurations;
using Users.Infrastructure.Security;

namespace Users.Infrastructure.UnitTests.Persistence;

public sealed class ModelTests
{
    // Never opened: neither the model diff nor ToQueryString connects.
    private const string DummyPostgres = "Host=127.0.0.1;Port=1;Database=none;Username=none";

    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_CoverTheWholeModel(string provider)
    {
        using var db = CreateContext(provider);

        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model changed since its last migration: add one.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_AreTheProvidersOwn(string provider)
    {
        using var db = CreateContext(provider);

        var migrations = db.Database.GetMigrations().ToList();

        Assert.Contains(migrations, m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
        Assert.Contains(migrations, m => m.EndsWith("_AddAccessTokens", StringComparison.Ordinal));
        Assert.Contains(migrations, m => m.EndsWith("_AddSessionsAndRefreshTokens", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void SessionsAndRefreshTokens_CascadeFromTheirOwner_AndStoreInstantsAsUnixMilliseconds(string provider)
    {
        using var db = CreateContext(provider);
        var sessions = db.Model.FindEntityType(typeof(Domain.Sessions.Session))!;
        var refreshTokens = db.Model.FindEntityType(typeof(Domain.Sessions.RefreshToken))!;

        Assert.Equal(("sessions", "refresh_tokens"), (sessions.GetTableName(), refreshTokens.GetTableName()));
        Assert.Equal(typeof(Domain.Users.User), Assert.Single(sessions.GetForeignKeys()).PrincipalEntityType.ClrType);
        Assert.Equal(typeof(Domain.Sessions.Session), Assert.Single(refreshTokens.GetForeignKeys()).PrincipalEntityType.ClrType);
        Assert.All(sessions.GetForeignKeys().Concat(refreshTokens.GetForeignKeys()), k => Assert.Equal(DeleteBehavior.Cascade, k.DeleteBehavior));
        Assert.All(
            new[] { sessions.FindProperty("LastUsedAt")!, sessions.FindProperty("ExpiresAt")!, refreshTokens.FindProperty("SpentAt")! },
            p => Assert.Equal(typeof(long), p.GetTypeMapping().Converter?.ProviderClrType));

        // Spending is UPDATE ... WHERE spent_at IS NULL: of racing exchanges, one commits.
        Assert.True(refreshTokens.FindProperty("SpentAt")!.IsConcurrencyToken);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void AccessTokensTable_HasSnakeCaseColumns_IndexesOnUserSessionAndExpiry_AndCascadesFromUsersAndSessions(string provider)
    {
        using var db = CreateContext(provider);
        var entity = db.Model.FindEntityType(typeof(AccessTokenRecord))!;

        Assert.Equal("access_tokens", entity.GetTableName());
        Assert.Equal(
            ["created_at", "expires_at", "security_stamp", "session_id", "token_hash", "user_id"],
            entity.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal));
        Assert.Equal(["token_hash"], entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName()));
        Assert.Equal(
            ["ix_access_tokens_expires_at", "ix_access_tokens_session_id", "ix_access_tokens_user_id"],
            entity.GetIndexes().Select(i => i.GetDatabaseName()).Order(StringComparer.Ordinal));
        Assert.All(entity.GetIndexes(), i => Assert.False(i.IsUnique));
        Assert.Equal(
            [typeof(Domain.Sessions.Session), typeof(Domain.Users.User)],
            entity.GetForeignKeys().Select(k => k.PrincipalEntityType.ClrType).OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.All(entity.GetForeignKeys(), k => Assert.Equal(DeleteBehavior.Cascade, k.DeleteBehavior));

        // Instants as Unix milliseconds, so expiry is compared in SQL on both providers.
        Assert.Equal(typeof(long), entity.FindProperty(nameof(AccessTokenRecord.ExpiresAt))!.GetTypeMapping().Converter?.ProviderClrType);
        Assert.Equal(typeof(long), entity.FindProperty(nameof(AccessTokenRecord.CreatedAt))!.GetTypeMapping().Converter?.ProviderClrType);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void ExpiryComparisons_TranslateToSql(string provider)
    {
        using var db = CreateContext(provider);
        var now = DateTimeOffset.UnixEpoch.AddDays(20_000);

        var read = DatabaseAccessTokenStrategy.Unexpired(db.AccessTokens, "hash", now).ToQueryString();
        var purge = ExpiredRowsPurger.Expired(db.AccessTokens, now).ToQueryString();

        var plainRead = read.Replace("\"", string.Empty, StringComparison.Ordinal);
        var plainPurge = purge.Replace("\"", string.Empty, StringComparison.Ordinal);
        Assert.Matches(@"WHERE a\.token_hash = @\w+ AND @\w+ < a\.expires_at", plainRead);
        Assert.Matches(@"WHERE a\.expires_at <= @\w+", plainPurge);
        Assert.Contains(now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), read, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void UsersTable_HasSnakeCaseColumnsAndAUniqueNormalizedEmailIndex(string provider)
    {
        using var db = CreateContext(provider);
        var entity = db.Model.FindEntityType(typeof(Domain.Users.User))!;

        Assert.Equal("users", entity.GetTableName());
        var columns = entity.GetProperties().Select(p => p.GetColumnName()).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(
            columns,
            new HashSet<string>(
                [
                    "created_at", "email", "hashed_password", "id", "is_active", "is_superuser", "is_verified", "last_login_at",
                    "normalized_email", "security_stamp", "updated_at",
                ],
                StringComparer.Ordinal));
        Assert.All(columns, c => Assert.Matches("^[a-z][a-z0-9_]*$", c)); // custom fields too (FastAPI Users' naming)
        var index = Assert.Single(entity.GetIndexes());
        Assert.True(index.IsUnique);
        Assert.Equal(UserConfiguration.NormalizedEmailIndexName, index.GetDatabaseName());
        Assert.Equal(320, entity.FindProperty("NormalizedEmail")!.GetMaxLength());
        Assert.Equal(320, entity.FindProperty("Email")!.GetMaxLength());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void ListQuery_IsAKeysetQueryWithoutOffset(string provider)
    {
        using var db = CreateContext(provider);
        var criteria = new UserListCriteria(21, Guid.CreateVersion7(), "ab", true);

        var sql = new UserRepository(db).BuildListQuery(criteria).ToQueryString();

        // SQLite quotes identifiers; Npgsql leaves lower-case ones bare.
        var plain = sql.Replace("\"", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("OFFSET", plain, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(
            @"WHERE u\.id > @after AND u\.normalized_email LIKE @\w+( ESCAPE '\\')? AND u\.is_active = @\w+\s+ORDER BY u\.id\s+LIMIT @\w+\s*$",
            plain);
    }

    internal static UsersDbContext CreateContext(string provider) =>
        provider switch
        {
            "Sqlite" => new SqliteUsersDbContext(
                new DbContextOptionsBuilder<SqliteUsersDbContext>().UseSqlite("Data Source=:memory:").Options),
            "Postgres" => new PostgresUsersDbContext(
                new DbContextOptionsBuilder<PostgresUsersDbContext>().UseNpgsql(DummyPostgres).Options),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
}
