using System.Data.Common;
using Users.Application.Abstractions.Adoption;

namespace Users.Infrastructure.Adoption;

/// <summary>
/// Reads a FastAPI Users database (the SQLAlchemy adapter's tables) over plain ADO.NET, read-only, into memory: a
/// hundred thousand users take a few tens of megabytes, and the plan needs all of them at once to find addresses that
/// collide. Reports progress every <see cref="ProgressEvery"/> rows.
/// </summary>
public sealed class FastApiUsersReader : IFastApiUsersReader
{
    public const int ProgressEvery = 10_000;

    private static readonly string[] UserColumns = ["id", "email", "hashed_password", "is_active", "is_superuser", "is_verified"];
    private static readonly string[] OAuthColumns =
        ["id", "oauth_name", "access_token", "expires_at", "refresh_token", "account_id", "account_email", "user_id"];
    private static readonly string[] TokenColumns = ["token", "created_at", "user_id"];

    public async Task<FastApiUsersSnapshot> ReadAsync(FastApiUsersSource source, IProgress<AdoptionProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tables = new SourceTables(source);
        await using var connection = tables.Connect();
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbException or ArgumentException or InvalidOperationException)
        {
            throw new AdoptionSourceException($"Cannot open the FastAPI Users database ({source.Provider}): {e.Message}", e);
        }

        var userColumns = await tables.ColumnsAsync(connection, source.UserTable, cancellationToken);
        Require(source.UserTable, userColumns, UserColumns);
        var custom = userColumns.Except(UserColumns, StringComparer.Ordinal).ToList();
        var missing = new List<string>();

        var users = await ReadRowsAsync(connection, source.UserTable, "users", progress, row => new SourceUser(
            SourceValues.Guid(row["id"]!, "id"),
            SourceValues.Text(row["email"]!, "email"),
            row["hashed_password"] as string ?? "",
            SourceValues.Boolean(row["is_active"]!, "is_active"),
            SourceValues.Boolean(row["is_superuser"]!, "is_superuser"),
            SourceValues.Boolean(row["is_verified"]!, "is_verified"),
            custom.ToDictionary(c => c, c => row[c], StringComparer.Ordinal)), cancellationToken);

        var accounts = await ReadOptionalAsync(connection, tables, source.OAuthTable, OAuthColumns, missing, "OAuth accounts", progress, row => new SourceOAuthAccount(
            SourceValues.Guid(row["id"]!, "id"),
            SourceValues.Guid(row["user_id"]!, "user_id"),
            SourceValues.Text(row["oauth_name"]!, "oauth_name"),
            row["access_token"] as string ?? "",
            SourceValues.Integer(row["expires_at"], "expires_at"),
            row["refresh_token"] as string,
            SourceValues.Text(row["account_id"]!, "account_id"),
            row["account_email"] as string ?? ""), cancellationToken);

        var tokens = await ReadOptionalAsync(connection, tables, source.TokenTable, TokenColumns, missing, "access tokens", progress, row => new SourceAccessToken(
            SourceValues.Text(row["token"]!, "token"),
            SourceValues.Guid(row["user_id"]!, "user_id"),
            SourceValues.Instant(row["created_at"]!, "created_at")), cancellationToken);

        return new FastApiUsersSnapshot(users, accounts, tokens, custom, missing);
    }

    private static async Task<List<T>> ReadOptionalAsync<T>(
        DbConnection connection,
        SourceTables tables,
        string table,
        string[] required,
        List<string> missing,
        string what,
        IProgress<AdoptionProgress>? progress,
        Func<IReadOnlyDictionary<string, object?>, T> map,
        CancellationToken cancellationToken)
    {
        var columns = await tables.ColumnsAsync(connection, table, cancellationToken);
        if (columns.Count == 0)
        {
            missing.Add(table);
            return [];
        }

        Require(table, columns, required);
        return await ReadRowsAsync(connection, table, what, progress, map, cancellationToken);
    }

    private static async Task<List<T>> ReadRowsAsync<T>(
        DbConnection connection,
        string table,
        string what,
        IProgress<AdoptionProgress>? progress,
        Func<IReadOnlyDictionary<string, object?>, T> map,
        CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {SourceTables.Quote(table)}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var phase = $"reading {what}";
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new Dictionary<string, object?>(names.Length, StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
            {
                row[names[i]] = await reader.IsDBNullAsync(i, cancellationToken) ? null : reader.GetValue(i);
            }

            try
            {
                rows.Add(map(row));
            }
            catch (FormatException e)
            {
                throw new AdoptionSourceException($"Row {rows.Count + 1} of {table} cannot be read: {e.Message}.", e);
            }

            if (rows.Count % ProgressEvery == 0)
            {
                progress?.Report(new AdoptionProgress(phase, rows.Count, null));
            }
        }

        progress?.Report(new AdoptionProgress(phase, rows.Count, rows.Count));
        return rows;
    }

    private static void Require(string table, List<string> columns, string[] required)
    {
        if (columns.Count == 0)
        {
            throw new AdoptionSourceException($"The FastAPI Users database has no table '{table}'. Name the user table with --user-table.");
        }

        var absent = required.Except(columns, StringComparer.Ordinal).ToList();
        if (absent.Count > 0)
        {
            throw new AdoptionSourceException(
                $"Table '{table}' lacks FastAPI Users' column(s) {string.Join(", ", absent)}: is it the right table?");
        }
    }
}
