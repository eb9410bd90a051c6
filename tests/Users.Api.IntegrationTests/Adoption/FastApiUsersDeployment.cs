using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Adoption;

/// <summary>
/// A database shaped as FastAPI Users' SQLAlchemy adapter creates it (<c>fastapi-users-schema.md</c>): <c>user</c>
/// with a custom column or two, <c>oauth_account</c> without a unique index on the provider account, and
/// <c>accesstoken</c> holding tokens in clear. PostgreSQL: native <c>uuid</c>, <c>boolean</c>, <c>timestamptz</c>;
/// SQLite: GUIDs as <c>CHAR(36)</c> text, booleans as 0/1, timestamps as SQLAlchemy's UTC text.
/// </summary>
public sealed class FastApiUsersDeployment
{
    private FastApiUsersDeployment(DatabaseProvider provider, string connectionString, string userTable)
    {
        Provider = provider;
        ConnectionString = connectionString;
        UserTable = userTable;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public string UserTable { get; }

    private bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>
    /// Creates the tables in <paramref name="connectionString"/>'s database (ours too, to share it), or in a database
    /// of their own when it is <c>null</c>.
    /// </summary>
    public static async Task<FastApiUsersDeployment> CreateAsync(DatabaseProvider provider, string? connectionString = null, string userTable = "user")
    {
        connectionString ??= provider == DatabaseProvider.Postgres
            ? await PostgresServer.CreateDatabaseAsync()
            : $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("fastapi-users-").FullName, "fastapi.db")}";
        var deployment = new FastApiUsersDeployment(provider, connectionString, userTable);
        var (uuid, timestamp) = deployment.IsPostgres ? ("UUID", "TIMESTAMP WITH TIME ZONE") : ("CHAR(36)", "DATETIME");
        await deployment.ExecuteAsync($"""
            CREATE TABLE "{userTable}" (
                id {uuid} NOT NULL PRIMARY KEY,
                email VARCHAR(320) NOT NULL,
                hashed_password VARCHAR(1024) NOT NULL,
                is_active BOOLEAN NOT NULL,
                is_superuser BOOLEAN NOT NULL,
                is_verified BOOLEAN NOT NULL,
                first_name VARCHAR(50),
                created_at {timestamp});
            CREATE UNIQUE INDEX "ix_{userTable}_email" ON "{userTable}" (email);
            CREATE TABLE oauth_account (
                id {uuid} NOT NULL PRIMARY KEY,
                oauth_name VARCHAR(100) NOT NULL,
                access_token VARCHAR(1024) NOT NULL,
                expires_at INTEGER,
                refresh_token VARCHAR(1024),
                account_id VARCHAR(320) NOT NULL,
                account_email VARCHAR(320) NOT NULL,
                user_id {uuid} NOT NULL REFERENCES "{userTable}" (id) ON DELETE CASCADE);
            CREATE INDEX ix_oauth_account_oauth_name ON oauth_account (oauth_name);
            CREATE INDEX ix_oauth_account_account_id ON oauth_account (account_id);
            CREATE TABLE accesstoken (
                token VARCHAR(43) NOT NULL PRIMARY KEY,
                created_at {timestamp} NOT NULL,
                user_id {uuid} NOT NULL REFERENCES "{userTable}" (id) ON DELETE CASCADE);
            CREATE INDEX ix_accesstoken_created_at ON accesstoken (created_at);
            """);
        return deployment;
    }

    public Task AddUserAsync(
        Guid id, string email, string hash, bool active = true, bool superuser = false, bool verified = false,
        string? firstName = null, DateTimeOffset? createdAt = null) =>
        ExecuteAsync(
            $"""INSERT INTO "{UserTable}" (id, email, hashed_password, is_active, is_superuser, is_verified, first_name, created_at) VALUES (@id, @email, @hash, @active, @superuser, @verified, @first, @created)""",
            ("id", Id(id)), ("email", email), ("hash", hash), ("active", active), ("superuser", superuser), ("verified", verified),
            ("first", firstName), ("created", createdAt is { } at ? Time(at) : (object?)null));

    public Task AddOAuthAccountAsync(
        Guid id, Guid userId, string provider, string accountId, string accountEmail, string accessToken, long? expiresAt = null, string? refreshToken = null) =>
        ExecuteAsync(
            "INSERT INTO oauth_account (id, oauth_name, access_token, expires_at, refresh_token, account_id, account_email, user_id) VALUES (@id, @name, @access, @expires, @refresh, @account, @email, @user)",
            ("id", Id(id)), ("name", provider), ("access", accessToken), ("expires", expiresAt is { } e ? (object)(int)e : null), ("refresh", refreshToken),
            ("account", accountId), ("email", accountEmail), ("user", Id(userId)));

    public Task AddAccessTokenAsync(string token, Guid userId, DateTimeOffset createdAt) =>
        ExecuteAsync("INSERT INTO accesstoken (token, created_at, user_id) VALUES (@token, @created, @user)",
            ("token", token), ("created", Time(createdAt)), ("user", Id(userId)));

    /// <summary><paramref name="count"/> users <c>bulk{i}@example.com</c> with one hash, generated by the database itself.</summary>
    public Task AddBulkUsersAsync(int count, string hash) => IsPostgres
        ? ExecuteAsync(
            $"""INSERT INTO "{UserTable}" (id, email, hashed_password, is_active, is_superuser, is_verified) SELECT gen_random_uuid(), 'bulk' || i || '@example.com', @hash, true, false, false FROM generate_series(1, @count) AS i""",
            ("hash", hash), ("count", count))
        : ExecuteAsync(
            $"""WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count) INSERT INTO "{UserTable}" (id, email, hashed_password, is_active, is_superuser, is_verified) SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), 'bulk' || i || '@example.com', @hash, 1, 0, 0 FROM n""",
            ("hash", hash), ("count", count));

    public async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }

    private DbConnection Connect() => IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);

    private object Id(Guid id) => IsPostgres ? id : id.ToString("D");

    // SQLAlchemy's timezone-aware DateTime on SQLite: UTC text without an offset.
    private object Time(DateTimeOffset at) => IsPostgres ? at.UtcDateTime : at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture);
}
