using System.Data;
using System.Data.Common;
using System.Globalization;
using Mapster;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Users.Application.Abstractions.Persistence;
using Users.Application.Users;
using Users.Domain.Sessions;

namespace Users.Infrastructure.Persistence;

/// <summary>
/// The current-user lookup on the request's own context: its connection, and its transaction if one is open (SQLite
/// refuses a command outside the transaction its connection holds). The SQLite reader, whose connections are cheap
/// and local (an unknown provider gets it too, and fails with the validation message when it asks for the context);
/// PostgreSQL uses <see cref="NpgsqlUserAccessReader"/>.
/// </summary>
internal sealed class ContextUserAccessReader(UsersDbContext db, TypeAdapterConfig mappings) : IUserAccessReader
{
    private static UserAccessQuery? _query; // one SQLite model per process (a race only builds the same query twice)

    private UserAccessQuery Query => _query ??= UserAccessQuery.Create(db.Model, mappings, n => "@p" + n.ToString(CultureInfo.InvariantCulture));

    public Task<UserAccess?> FindAccessAsync(Guid id, Guid sessionId, CancellationToken cancellationToken) =>
        RunAsync(Query.Sql, [Stored(id), Stored(sessionId)], async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? Query.Read(reader, sessionId) : null;
        }, cancellationToken);

    public Task TouchSessionAsync(Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(Query.TouchSql, [Stored(sessionId), Query.StoredInstant(now), Query.StoredInstant(now - Session.LastUsedResolution)],
            command => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    // How EF Core's SQLite provider stores a Guid.
    private static string Stored(Guid id) => id.ToString().ToUpperInvariant();

    private async Task<T> RunAsync<T>(string sql, object[] values, Func<DbCommand, Task<T>> run, CancellationToken cancellationToken)
    {
        var database = db.Database;
        var connection = database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = database.CurrentTransaction?.GetDbTransaction();
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + (i + 1).ToString(CultureInfo.InvariantCulture);
                parameter.Value = values[i];
                command.Parameters.Add(parameter);
            }

            return await run(command);
        }
        finally
        {
            if (opened)
            {
                await database.CloseConnectionAsync();
            }
        }
    }
}
