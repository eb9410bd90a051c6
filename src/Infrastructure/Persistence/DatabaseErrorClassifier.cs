using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Users.Application.Abstractions.Persistence;

namespace Users.Infrastructure.Persistence;

/// <summary>
/// Classifies SQLite and PostgreSQL failures. PostgreSQL's outages are what Npgsql calls transient (a socket or
/// timeout failure, a server shutting down or refusing connections, too many connections, a full disk, ...);
/// SQLite's are the result codes of a database that is busy, locked, unopenable, unwritable or full; Redis (when it holds
/// the rate-limit counters) is down when it cannot be reached or does not answer in time.
/// </summary>
public sealed class DatabaseErrorClassifier : IDatabaseErrorClassifier
{
    // SQLite primary result codes (https://www.sqlite.org/rescode.html): the low byte of an extended code.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteConstraint = 19;

    // The extended constraint codes whose message names the constraint or its columns. A trigger's RAISE message is
    // free text that may hold values, so it is never taken for a name.
    private const int SqliteConstraintCheck = 275;
    private const int SqliteConstraintNotNull = 1299;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private const string SqliteConstraintMarker = "constraint failed: ";

    private const string IntegrityConstraintViolationClass = "23"; // SQLSTATE class 23

    private static readonly DatabaseErrorClassification Unavailable = new(DatabaseErrorKind.Unavailable);
    private static readonly DatabaseErrorClassification Other = new(DatabaseErrorKind.Other);

    public DatabaseErrorClassification Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        // The most telling failure in the chain wins: an outage anywhere is an outage, and a provider's constraint
        // violation is not hidden by a vaguer wrapper around it.
        var result = DatabaseErrorClassification.None;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var classification = ClassifyOne(current);
            if (Rank(classification.Kind) > Rank(result.Kind))
            {
                result = classification;
            }
        }

        return result;
    }

    private static DatabaseErrorClassification ClassifyOne(Exception exception) => exception switch
    {
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) switch
        {
            SqliteBusy or SqliteLocked or SqliteCantOpen or SqliteIoError or SqliteFull or SqliteReadOnly => Unavailable,
            SqliteConstraint => new(DatabaseErrorKind.ConstraintViolation, SqliteConstraintName(sqlite)),
            _ => Other,
        },
        DbException { IsTransient: true } => Unavailable,
        StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException => Unavailable, // the rate-limit store
        PostgresException postgres when IsIntegrityConstraintViolation(postgres.SqlState) =>
            new(DatabaseErrorKind.ConstraintViolation, postgres.ConstraintName),
        DbException other when IsIntegrityConstraintViolation(other.SqlState) => new(DatabaseErrorKind.ConstraintViolation),
        DbException => Other,
        TimeoutException => Unavailable,
        _ => DatabaseErrorClassification.None,
    };

    private static bool IsIntegrityConstraintViolation(string? sqlState) =>
        sqlState is { Length: 5 } && sqlState.StartsWith(IntegrityConstraintViolationClass, StringComparison.Ordinal);

    // Microsoft.Data.Sqlite words it "SQLite Error 19: 'UNIQUE constraint failed: users.normalized_email'.".
    private static string? SqliteConstraintName(SqliteException exception)
    {
        if (exception.SqliteExtendedErrorCode is not (SqliteConstraintCheck or SqliteConstraintNotNull
            or SqliteConstraintPrimaryKey or SqliteConstraintUnique))
        {
            return null;
        }

        var message = exception.Message;
        var start = message.IndexOf(SqliteConstraintMarker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var name = message[(start + SqliteConstraintMarker.Length)..];
        return name.EndsWith("'.", StringComparison.Ordinal) ? name[..^2] : name;
    }

    private static int Rank(DatabaseErrorKind kind) => kind switch
    {
        DatabaseErrorKind.Unavailable => 3,
        DatabaseErrorKind.ConstraintViolation => 2,
        DatabaseErrorKind.Other => 1,
        _ => 0,
    };
}
