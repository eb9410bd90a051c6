using System.Data;
using Mapster;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Users.Application.Abstractions.Persistence;
using Users.Application.Users;

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

    public async Task<UserAccess?> FindAccessAsync(Guid id, CancellationToken cancellationToken)
    {
        var query = _query ??= UserAccessQuery.Create(db.Model, mappings, "@id");
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
            command.CommandText = query.Sql;
            command.Transaction = database.CurrentTransaction?.GetDbTransaction();
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@id";
            parameter.Value = id.ToString().ToUpperInvariant(); // how EF Core's SQLite provider stores a Guid
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? query.Read(reader) : null;
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
