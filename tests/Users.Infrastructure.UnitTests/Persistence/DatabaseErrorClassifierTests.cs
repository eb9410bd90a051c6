using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Users.Application.Abstractions.Persistence;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.UnitTests.TestDoubles;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Persistence;

/// <summary>
/// Only an outage may answer "try again later": the classifier is fed the exceptions real SQLite databases and a real
/// refused PostgreSQL connection throw, wrapped the way EF Core hands them on, and PostgreSQL errors built from their
/// SQLSTATE (what Npgsql builds from the server's error message).
/// </summary>
public sealed class DatabaseErrorClassifierTests : SqliteDatabaseTests
{
    private readonly DatabaseErrorClassifier _classifier = new();

    [Fact]
    public async Task Sqlite_UniqueViolationThroughEfCore_IsAConstraintViolation_NamingTheColumns()
    {
        await SaveAsync(new UserBuilder().WithEmail("taken@example.com").Build());

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(new UserBuilder().WithEmail("TAKEN@example.com").Build()));

        Assert.Equal(new DatabaseErrorClassification(DatabaseErrorKind.ConstraintViolation, "users.normalized_email"), _classifier.Classify(exception));
    }

    [Fact]
    public async Task Sqlite_CheckViolation_IsAConstraintViolation_NamingTheConstraint()
    {
        await ExecuteAsync("CREATE TABLE probe (n INTEGER CONSTRAINT ck_probe_positive CHECK (n > 0))");

        var exception = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync("INSERT INTO probe VALUES (-1)"));

        Assert.Equal(new DatabaseErrorClassification(DatabaseErrorKind.ConstraintViolation, "ck_probe_positive"), _classifier.Classify(exception));
    }

    [Fact]
    public async Task Sqlite_TriggerRefusingAnInsertThroughEfCore_IsAConstraintViolation_WithoutTakingItsMessageForAName()
    {
        await ExecuteAsync("""
            CREATE TRIGGER refuse BEFORE INSERT ON users WHEN NEW.email LIKE 'refused%'
            BEGIN SELECT RAISE(ABORT, 'constraint failed: ' || NEW.email); END
            """);

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(new UserBuilder().WithEmail("refused@example.com").Build()));

        Assert.Equal(new DatabaseErrorClassification(DatabaseErrorKind.ConstraintViolation), _classifier.Classify(exception));
    }

    [Theory]
    [InlineData("SELEC 1")] // SQLITE_ERROR: syntax
    [InlineData("SELECT json('{')")] // SQLITE_ERROR raised while running
    [InlineData("SELECT zeroblob(2000000000)")] // SQLITE_TOOBIG
    public async Task Sqlite_OtherErrors_AreOther(string sql)
    {
        var exception = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(sql));

        Assert.Equal(DatabaseErrorKind.Other, _classifier.Classify(exception).Kind);
    }

    [Fact]
    public async Task Sqlite_DatabaseFileThatCannotBeOpened_IsUnavailable()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "users.db");
        await using var db = new SqliteUsersDbContext(new DbContextOptionsBuilder<SqliteUsersDbContext>().UseSqlite($"Data Source={missing}").Options);

        var exception = await Assert.ThrowsAsync<SqliteException>(() => db.Users.AnyAsync());

        Assert.Equal(14, exception.SqliteErrorCode); // SQLITE_CANTOPEN
        Assert.Equal(DatabaseErrorKind.Unavailable, _classifier.Classify(exception).Kind);
    }

    [Fact]
    public async Task Sqlite_ReadOnlyDatabase_IsUnavailable()
    {
        var readOnly = new SqliteConnectionStringBuilder(Database.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString();

        var exception = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync("DELETE FROM users", readOnly));

        Assert.Equal(8, exception.SqliteErrorCode); // SQLITE_READONLY
        Assert.Equal(DatabaseErrorKind.Unavailable, _classifier.Classify(exception).Kind);
    }

    [Fact]
    public async Task Sqlite_DatabaseLockedByAnotherWriterPastTheTimeout_IsUnavailable()
    {
        var builder = new SqliteConnectionStringBuilder(Database.ConnectionString) { Pooling = false };
        await using var holder = new SqliteConnection(builder.ToString());
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
        }

        builder.DefaultTimeout = 1; // seconds: Microsoft.Data.Sqlite retries a busy database until then
        var exception = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync("DELETE FROM users", builder.ToString()));

        Assert.Equal(5, exception.SqliteErrorCode); // SQLITE_BUSY
        Assert.Equal(DatabaseErrorKind.Unavailable, _classifier.Classify(exception).Kind);
    }

    [Theory]
    [InlineData("23505", "ix_users_normalized_email")] // unique_violation
    [InlineData("23514", "ck_users_email")] // check_violation
    [InlineData("23503", "fk_access_tokens_users")] // foreign_key_violation
    [InlineData("23502", null)] // not_null_violation: PostgreSQL names the column, not a constraint
    public void Postgres_IntegrityConstraintViolationsInADbUpdateException_AreConstraintViolations(string sqlState, string? constraint)
    {
        var exception = new DbUpdateException("An error occurred while saving the entity changes.", Postgres(sqlState, constraint));

        Assert.Equal(new DatabaseErrorClassification(DatabaseErrorKind.ConstraintViolation, constraint), _classifier.Classify(exception));
    }

    [Theory]
    [InlineData("22001")] // string_data_right_truncation: a value too long for its column
    [InlineData("22P02")] // invalid_text_representation
    [InlineData("42601")] // syntax_error
    [InlineData("42P01")] // undefined_table
    [InlineData("P0001")] // raise_exception
    [InlineData("57014")] // query_canceled (statement_timeout): Npgsql does not count it transient
    [InlineData("XX000")] // internal_error
    public void Postgres_OtherErrors_AreOther(string sqlState)
    {
        var exception = new DbUpdateException("An error occurred while saving the entity changes.", Postgres(sqlState));

        Assert.Equal(new DatabaseErrorClassification(DatabaseErrorKind.Other), _classifier.Classify(exception));
    }

    [Theory]
    [InlineData("53300")] // too_many_connections
    [InlineData("53100")] // disk_full
    [InlineData("57P01")] // admin_shutdown
    [InlineData("57P03")] // cannot_connect_now
    [InlineData("08006")] // connection_failure
    [InlineData("40001")] // serialization_failure
    [InlineData("40P01")] // deadlock_detected
    public void Postgres_ErrorsNpgsqlCountsTransient_AreUnavailable(string sqlState)
    {
        var exception = new DbUpdateException("An error occurred while saving the entity changes.", Postgres(sqlState));

        Assert.Equal(DatabaseErrorKind.Unavailable, _classifier.Classify(exception).Kind);
    }

    [Fact]
    public async Task Postgres_RefusedConnectionThroughEfCore_IsUnavailable()
    {
        var connectionString = $"Host=127.0.0.1;Port={ClosedPort()};Database=users;Username=users;Timeout=3;Pooling=false";
        await using var db = new PostgresUsersDbContext(new DbContextOptionsBuilder<PostgresUsersDbContext>().UseNpgsql(connectionString).Options);

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => db.Users.AnyAsync());

        Assert.Contains(Chain(exception), e => e is NpgsqlException { IsTransient: true });
        Assert.Equal(DatabaseErrorKind.Unavailable, _classifier.Classify(exception).Kind);
    }

    [Fact]
    public void Npgsql_FailureWithoutATransientCause_IsOther()
    {
        Assert.Equal(DatabaseErrorKind.Other, _classifier.Classify(new NpgsqlException("The connection was broken by a protocol error.")).Kind);
    }

    [Fact]
    public void Npgsql_TimeoutWhileReading_IsUnavailable()
    {
        var exception = new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));

        Assert.Equal(DatabaseErrorKind.Unavailable, _classifier.Classify(exception).Kind);
    }

    [Fact]
    public void AConstraintViolationInsideAVaguerDatabaseError_IsTheConstraintViolation()
    {
        var exception = new NpgsqlException("Batch failed", Postgres("23505", "ix_users_normalized_email"));

        Assert.Equal(new DatabaseErrorClassification(DatabaseErrorKind.ConstraintViolation, "ix_users_normalized_email"), _classifier.Classify(exception));
    }

    [Fact]
    public void TimeoutException_AnywhereInTheChain_IsUnavailable()
    {
        Assert.Equal(DatabaseErrorKind.Unavailable, _classifier.Classify(new TimeoutException()).Kind);
        Assert.Equal(DatabaseErrorKind.Unavailable, _classifier.Classify(new InvalidOperationException("wrapped", new TimeoutException())).Kind);
    }

    [Fact]
    public void ExceptionsWithoutADatabaseFailure_AreNone()
    {
        Assert.Equal(DatabaseErrorClassification.None, _classifier.Classify(new InvalidOperationException("a bug", new ArgumentException("x"))));
        Assert.Equal(DatabaseErrorClassification.None, _classifier.Classify(new DbUpdateException("no provider exception inside")));
    }

    [Fact]
    public void AddInfrastructure_RegistersTheClassifierAsASingleton()
    {
        var services = new ServiceCollection().AddInfrastructure(TestConfiguration.Create("Data Source=x.db"));

        var registration = Assert.Single(services, s => s.ServiceType == typeof(IDatabaseErrorClassifier));
        Assert.Equal(ServiceLifetime.Singleton, registration.Lifetime);
        Assert.Equal(typeof(DatabaseErrorClassifier), registration.ImplementationType);
    }

    private static PostgresException Postgres(string sqlState, string? constraint = null) =>
        new("the server's message", "ERROR", "ERROR", sqlState, constraintName: constraint);

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // nothing listens there once the listener is disposed
    }

    private async Task ExecuteAsync(string sql, string? connectionString = null)
    {
        await using var connection = new SqliteConnection(connectionString ?? Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
