using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Users.Application.Abstractions.Adoption;

namespace Users.Infrastructure.Adoption;

/// <summary>The SQL dialect of the deployment's database: how to connect, quote a table name and list its columns.</summary>
internal sealed class SourceTables(FastApiUsersSource source)
{
    private bool IsPostgres => source.Provider == FastApiUsersSource.PostgresProvider;

    /// <summary>
    /// A read-only connection: PostgreSQL sessions default to read-only transactions, and SQLite opens the file
    /// read-only, so a mistyped path is refused instead of created empty.
    /// </summary>
    public DbConnection Connect()
    {
        if (IsPostgres)
        {
            var postgres = new NpgsqlConnectionStringBuilder(source.ConnectionString);
            postgres.Options = $"{postgres.Options} -c default_transaction_read_only=on".Trim();
            return new NpgsqlConnection(postgres.ConnectionString);
        }

        var sqlite = new SqliteConnectionStringBuilder(source.ConnectionString) { Mode = SqliteOpenMode.ReadOnly };
        return new SqliteConnection(sqlite.ConnectionString);
    }

    /// <summary><c>"schema"."table"</c> or <c>"table"</c>; the names were checked to be plain identifiers.</summary>
    public static string Quote(string table) => string.Join('.', table.Split('.').Select(part => $"\"{part}\""));

    /// <summary>The table's columns in table order; none when it does not exist.</summary>
    public async Task<List<string>> ColumnsAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var parts = table.Split('.');
        if (IsPostgres)
        {
            command.CommandText = parts.Length == 2
                ? "SELECT column_name FROM information_schema.columns WHERE table_schema = @schema AND table_name = @table ORDER BY ordinal_position"
                : "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position";
        }
        else
        {
            command.CommandText = parts.Length == 2
                ? "SELECT name FROM pragma_table_info(@table, @schema) ORDER BY cid"
                : "SELECT name FROM pragma_table_info(@table) ORDER BY cid";
        }

        AddParameter(command, "table", parts[^1]);
        if (parts.Length == 2)
        {
            AddParameter(command, "schema", parts[0]);
        }

        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
