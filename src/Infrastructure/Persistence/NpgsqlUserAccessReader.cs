using System.Data;
using Mapster;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Users.Application.Abstractions.Persistence;
using Users.Application.Users;
using Users.Domain.Sessions;

namespace Users.Infrastructure.Persistence;

/// <summary>
/// The current-user lookup on PostgreSQL, straight from the connection pool. Authentication runs before anything
/// else in a request, so there is no unit of work to join yet, and leasing a pooled <c>DbContext</c> for this one
/// query (lease, connection wrapper, state reset on return) was most of what a request still cost beyond the Floor's
/// raw query. A singleton: it is given exactly the connection string EF Core is given, and Npgsql keeps one pool
/// per connection string, so both share the pool and its prepared statements.
/// </summary>
internal sealed class NpgsqlUserAccessReader(string connectionString, IServiceScopeFactory scopes, TypeAdapterConfig mappings) : IUserAccessReader
{
    private UserAccessQuery? _query;

    private UserAccessQuery Query => _query ??= BuildQuery();

    public async Task<UserAccess?> FindAccessAsync(Guid id, Guid sessionId, CancellationToken cancellationToken)
    {
        var query = Query;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(query.Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id }); // unnamed: bound to $1
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sessionId }); // $2
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? query.Read(reader, sessionId) : null;
    }

    public async Task TouchSessionAsync(Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = Query;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(query.TouchSql, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sessionId }); // $1
        command.Parameters.Add(new NpgsqlParameter { Value = query.StoredInstant(now) }); // $2
        command.Parameters.Add(new NpgsqlParameter { Value = query.StoredInstant(now - Session.LastUsedResolution) }); // $3
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Once per process (a race only builds the same string twice): the model comes from a context of the pool.
    private UserAccessQuery BuildQuery()
    {
        using var scope = scopes.CreateScope();
        return UserAccessQuery.Create(scope.ServiceProvider.GetRequiredService<UsersDbContext>().Model, mappings, n => "$" + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
