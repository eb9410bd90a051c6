using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Users.Api.Errors;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Infrastructure.Persistence;

namespace Users.Api.IntegrationTests.Platform;

/// <summary>
/// A database that is up but refuses a write our validation let through: a constraint nothing mapped is a 409, any
/// other database error a 500 (a validation rule is missing), never the 503 "try again later" of an outage. The
/// refusals are added to this class's own database (a trigger, a CHECK constraint); the service is unchanged.
/// </summary>
public abstract class DatabaseRefusalTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    protected const string RefusedPrefix = "refused";
    protected const string BrokenPrefix = "broken";

    [SkippableFact]
    public async Task Register_RefusedByADatabaseConstraint_Returns409Conflict_WithoutRetryAfter_AndStoresNothing()
    {
        await AddRefusalsAsync();
        var logs = new CapturedLogs();
        await using var factory = WithLogs(logs);
        var email = NewEmail(RefusedPrefix);

        var response = await factory.CreateClient().PostAsync("/auth/register", Json(new { email, password = GoodPassword }));

        await AssertBareProblemAsync(response, HttpStatusCode.Conflict, "Conflict", "https://tools.ietf.org/html/rfc9110#section-15.5.10");
        Assert.False(await StoredAsync(email));
        var entry = Assert.Single(logs.Of<UnhandledExceptionHandler>());
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains(ExpectedConstraintInLog, entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(email, entry.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Null(entry.Exception); // its message may quote the refused values
    }

    [SkippableFact]
    public async Task PatchMe_ToAnAddressADatabaseConstraintRefuses_Returns409Conflict_AndKeepsTheOldAddress()
    {
        await AddRefusalsAsync();
        var (user, client) = await CreateUserAsync();

        var response = await client.PatchAsync("/users/me", Json(new { email = NewEmail(RefusedPrefix) }));

        await AssertBareProblemAsync(response, HttpStatusCode.Conflict, "Conflict", "https://tools.ietf.org/html/rfc9110#section-15.5.10");
        Assert.True(await StoredAsync(user.Email));
    }

    [SkippableFact]
    public async Task Register_FailingWithADatabaseErrorThatIsNoConstraint_Returns500_WithoutRetryAfter_AndLogsAnError()
    {
        await AddRefusalsAsync();
        var logs = new CapturedLogs();
        await using var factory = WithLogs(logs);
        var email = NewEmail(BrokenPrefix);

        var response = await factory.CreateClient().PostAsync("/auth/register", Json(new { email, password = GoodPassword }));

        await AssertBareProblemAsync(response, HttpStatusCode.InternalServerError, "Internal Server Error", "https://tools.ietf.org/html/rfc9110#section-15.6.1");
        Assert.False(await StoredAsync(email));
        var entry = Assert.Single(logs.Of<UnhandledExceptionHandler>());
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains("validation rule is missing", entry.Message, StringComparison.Ordinal);
        Assert.NotNull(entry.Exception);
    }

    [SkippableFact]
    public async Task Register_AfterARefusal_StillWorks()
    {
        await AddRefusalsAsync();
        await RegisterAsync(NewEmail(RefusedPrefix));
        await RegisterAsync(NewEmail(BrokenPrefix));

        var response = await RegisterAsync(NewEmail());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>What the handler's warning names: the constraint, when the database named one.</summary>
    protected abstract string ExpectedConstraintInLog { get; }

    /// <summary>
    /// SQL (idempotent) that makes the database refuse addresses starting with <see cref="RefusedPrefix"/> as a
    /// constraint violation, and fail on those starting with <see cref="BrokenPrefix"/> with an error that is none.
    /// </summary>
    protected abstract string RefusalsSql { get; }

    protected Task AddRefusalsAsync() =>
        Factory.InScopeAsync(sp => sp.GetRequiredService<UsersDbContext>().Database.ExecuteSqlRawAsync(RefusalsSql));

    private WebApplicationFactory<Program> WithLogs(CapturedLogs logs) =>
        Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(logs)));

    private static async Task AssertBareProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail, string type)
    {
        var body = await response.AssertProblemAsync(status, detail);
        Assert.Equal(type, body.GetProperty("type").GetString());
        Assert.Equal(["detail", "status", "title", "traceId", "type"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    private Task<bool> StoredAsync(string email) =>
        Factory.InScopeAsync(sp => sp.GetRequiredService<UsersDbContext>().Users.AnyAsync(u => u.Email == email));

    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> _entries = new();

        public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Of<T>() =>
            [.. _entries.Where(e => e.Category == typeof(T).FullName).Select(e => (e.Level, e.Message, e.Exception))];

        public ILogger CreateLogger(string categoryName) => new Collector(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Collector(string category, ConcurrentQueue<(string, LogLevel, string, Exception?)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((category, logLevel, formatter(state, exception), exception));
        }
    }
}

/// <summary>
/// SQLite: a trigger's <c>RAISE(ABORT, ...)</c> is SQLITE_CONSTRAINT (unnamed: its message is free text); malformed
/// JSON inside a trigger is a plain SQLITE_ERROR.
/// </summary>
public sealed class DatabaseRefusalSqliteTests(SqliteApiFixture fixture) : DatabaseRefusalTests(fixture), IClassFixture<SqliteApiFixture>
{
    protected override string ExpectedConstraintInLog => "(not named)";

    protected override string RefusalsSql => $"""
        CREATE TRIGGER IF NOT EXISTS refuse_insert BEFORE INSERT ON users WHEN NEW.email LIKE '{RefusedPrefix}%'
        BEGIN SELECT RAISE(ABORT, 'refused'); END;
        CREATE TRIGGER IF NOT EXISTS refuse_update BEFORE UPDATE OF email ON users WHEN NEW.email LIKE '{RefusedPrefix}%'
        BEGIN SELECT RAISE(ABORT, 'refused'); END;
        CREATE TRIGGER IF NOT EXISTS break_insert BEFORE INSERT ON users WHEN NEW.email LIKE '{BrokenPrefix}%'
        BEGIN SELECT json('['); END;
        """;
}

/// <summary>
/// PostgreSQL: a CHECK constraint (SQLSTATE 23514, named in the log); a trigger raising 22001 "value too long"; and a
/// trigger raising 53300 "too many connections", which Npgsql counts transient, so that one is an outage.
/// </summary>
public sealed class DatabaseRefusalPostgresTests(PostgresApiFixture fixture) : DatabaseRefusalTests(fixture), IClassFixture<PostgresApiFixture>
{
    private const string OverloadedPrefix = "overloaded";

    protected override string ExpectedConstraintInLog => "ck_users_not_refused";

    protected override string RefusalsSql => $"""
        ALTER TABLE users DROP CONSTRAINT IF EXISTS ck_users_not_refused;
        ALTER TABLE users ADD CONSTRAINT ck_users_not_refused CHECK (email NOT LIKE '{RefusedPrefix}%');
        CREATE OR REPLACE FUNCTION fail_on_prefix() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.email LIKE '{BrokenPrefix}%' THEN
                RAISE EXCEPTION 'value too long' USING ERRCODE = '22001';
            ELSIF NEW.email LIKE '{OverloadedPrefix}%' THEN
                RAISE EXCEPTION 'too many connections' USING ERRCODE = '53300';
            END IF;
            RETURN NEW;
        END $$;
        CREATE OR REPLACE TRIGGER fail_on_prefix BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION fail_on_prefix();
        """;

    [SkippableFact]
    public async Task Register_FailingWithAServerErrorNpgsqlCountsTransient_Returns503_WithRetryAfter()
    {
        await AddRefusalsAsync();

        var response = await RegisterAsync(NewEmail(OverloadedPrefix));

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "Service Unavailable");
        Assert.True(response.Headers.Contains("Retry-After"));
    }
}
