using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Users.Infrastructure.Persistence;

/// <summary>
/// One hand-written statement run as a plain command on the context's connection (and its transaction, if any),
/// without EF Core's query pipeline. For the counters every login and every rate-limited request writes: EF Core
/// does not cache a raw SQL query that has parameters, so <c>SqlQuery</c> built, translated and rendered the
/// statement anew on each call (the two login upserts cost twice the CPU of the user's LINQ lookup in a profile).
/// The SQL is the same on both providers; its parameters are <c>@p0</c>, <c>@p1</c>, ... in the order given.
/// </summary>
internal static class DirectStatements
{
    private static readonly string[] Names = ["@p0", "@p1", "@p2", "@p3", "@p4", "@p5", "@p6", "@p7"];

    /// <summary>Runs a statement that returns exactly one row (an upsert's <c>RETURNING</c>) and reads that row.</summary>
    public static async Task<TRow> QuerySingleAsync<TRow>(
        this DatabaseFacade database, string sql, object?[] values, Func<DbDataReader, TRow> read, CancellationToken cancellationToken)
    {
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Create(database, sql, values);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("The statement returned no row.");
            }

            var row = read(reader);
            if (await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("The statement returned more than one row.");
            }

            return row;
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    /// <summary>Runs a statement and answers the number of rows it affected.</summary>
    public static async Task<int> ExecuteAsync(this DatabaseFacade database, string sql, object?[] values, CancellationToken cancellationToken)
    {
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Create(database, sql, values);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    private static DbCommand Create(DatabaseFacade database, string sql, object?[] values)
    {
        if (values.Length > Names.Length)
        {
            throw new ArgumentException($"At most {Names.Length} parameters.", nameof(values));
        }

        var command = database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = database.CurrentTransaction?.GetDbTransaction();
        if (database.GetCommandTimeout() is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = Names[i];
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
