using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Users.Application.Abstractions.Persistence;
using Users.Application.Users;

namespace Users.Infrastructure.Persistence;

/// <summary>
/// The current-user lookup on the request's own context: its connection, and its transaction if one is open (SQLite
/// refuses a command outside the transaction its connection holds). Used for SQLite, whose connections are cheap
/// and local; PostgreSQL uses <see cref="NpgsqlUserAccessReader"/>.
/// </summary>
internal sealed class ContextUserAccessReader(UsersDbContext db) : IUserAccessReader
{
    private static readonly ConditionalWeakTable<IModel, string> SqlOfModel = [];

    public async Task<UserAccess?> FindAccessAsync(Guid id, CancellationToken cancellationToken)
    {
        var sql = SqlOfModel.GetValue(db.Model, static model => UserAccessQuery.Sql(model, "@id"));
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
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@id";
            // EF Core's SQLite provider stores a Guid as upper-case text; Npgsql binds a Guid as uuid.
            parameter.Value = database.IsSqlite() ? id.ToString().ToUpperInvariant() : id;
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? UserAccessQuery.Read(reader, id) : null;
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
