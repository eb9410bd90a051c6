namespace Users.Infrastructure.Settings;

/// <summary>
/// Which database the service uses (section <c>Database</c>) and how to reach it
/// (<c>ConnectionStrings:Users</c>).
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>The name under <c>ConnectionStrings</c> that holds the connection string.</summary>
    public const string ConnectionStringName = "Users";

    public const string SqliteProvider = "Sqlite";

    public const string PostgresProvider = "Postgres";

    public const string DefaultConnectionString = "Data Source=users.db";

    /// <summary><c>Sqlite</c> or <c>Postgres</c>, ignoring case.</summary>
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>Apply pending migrations at start; <c>null</c> means yes for SQLite, no for PostgreSQL.</summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>The provider's connection string, from <c>ConnectionStrings:Users</c>.</summary>
    public string ConnectionString { get; set; } = DefaultConnectionString;

    public bool IsSqlite => string.Equals(Provider, SqliteProvider, StringComparison.OrdinalIgnoreCase);

    public bool IsPostgres => string.Equals(Provider, PostgresProvider, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A file database has no operator to run migrations, so SQLite migrates itself by default; a shared
    /// PostgreSQL server is migrated deliberately (the <c>migrate</c> command) unless configured otherwise.
    /// </summary>
    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? IsSqlite;
}
