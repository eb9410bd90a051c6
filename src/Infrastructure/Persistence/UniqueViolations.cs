using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Users.Infrastructure.Persistence.Configurations;

namespace Users.Infrastructure.Persistence;

/// <summary>Recognizes the database refusing a second user with the same normalized address, or a second link of one provider account.</summary>
internal static class UniqueViolations
{
    private const int SqliteConstraint = 19; // SQLITE_CONSTRAINT
    private const int SqliteConstraintUnique = 2067; // SQLITE_CONSTRAINT_UNIQUE
    private const string PostgresUniqueViolation = "23505"; // unique_violation

    public static bool IsNormalizedEmailTaken(DbUpdateException exception) =>
        Violates(exception, $"{UserConfiguration.TableName}.{UserConfiguration.NormalizedEmailColumn}", UserConfiguration.NormalizedEmailIndexName);

    public static bool IsOAuthAccountTaken(DbUpdateException exception) =>
        Violates(exception, $"{OAuthAccountConfiguration.TableName}.account_id", OAuthAccountConfiguration.ProviderAccountIndexName);

    // SQLite names the columns, not the index ("UNIQUE constraint failed: users.normalized_email", or for a composite
    // index "oauth_accounts.oauth_name, oauth_accounts.account_id"); PostgreSQL names the index.
    private static bool Violates(DbUpdateException exception, string sqliteColumn, string postgresIndex) =>
        exception.InnerException switch
        {
            SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
                && sqlite.SqliteExtendedErrorCode == SqliteConstraintUnique
                && sqlite.Message.Contains(sqliteColumn, StringComparison.Ordinal),
            PostgresException postgres => postgres.SqlState == PostgresUniqueViolation && postgres.ConstraintName == postgresIndex,
            _ => false,
        };
}
