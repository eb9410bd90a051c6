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
        exception.InnerException switch
        {
            // SQLite names the column, not the index: "UNIQUE constraint failed: users.normalized_email".
            SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
                && sqlite.SqliteExtendedErrorCode == SqliteConstraintUnique
                && sqlite.Message.Contains(
                    $"{UserConfiguration.TableName}.{UserConfiguration.NormalizedEmailColumn}", StringComparison.Ordinal),
            PostgresException postgres => postgres.SqlState == PostgresUniqueViolation
                && postgres.ConstraintName == UserConfiguration.NormalizedEmailIndexName,
            _ => false,
        };

    public static bool IsOAuthAccountTaken(DbUpdateException exception) =>
        exception.InnerException switch
        {
            // "UNIQUE constraint failed: oauth_accounts.oauth_name, oauth_accounts.account_id"
            SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
                && sqlite.SqliteExtendedErrorCode == SqliteConstraintUnique
                && sqlite.Message.Contains($"{OAuthAccountConfiguration.TableName}.account_id", StringComparison.Ordinal),
            PostgresException postgres => postgres.SqlState == PostgresUniqueViolation
                && postgres.ConstraintName == OAuthAccountConfiguration.ProviderAccountIndexName,
            _ => false,
        };
}
