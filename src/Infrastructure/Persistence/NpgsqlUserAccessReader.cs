using System.Data;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Users.Application.Abstractions.Persistence;
using Users.Application.Users;

namespace Users.Infrastructure.Persistence;

/// <summary>
/// The current-user lookup on PostgreSQL, straight from the connection pool. Authentication runs before anything
/// else in a request, so there is no unit of work to join yet, and leasing a pooled <c>DbContext</c> for this one
/// query (lease, connection wrapper, state reset on return) was most of what a request still cost beyond the Floor's
/// raw query. A singleton: it is given exactly the connection string EF Core is given, and Npgsql keeps one pool
/// per connection string, so both share the pool and its prepared statements.
/// </summary>
internal sealed class NpgsqlUserAccessReader(string connectionString, IServiceScopeFactory scopes) : IUserAccessReader
{
    private string? _sql;

    public async Task<UserAccess?> FindAccessAsync(Guid id, CancellationToken cancellationToken)
    {
        var sql = _sql ??= BuildSql();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id }); // unnamed: bound to $1
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? UserAccessQuery.Read(reader, id) : null;
    }

    // Once per process (a race only builds the same string twice): the model comes from a context of the pool.
    private string BuildSql()
    {
        using var scope = scopes.CreateScope();
        return UserAccessQuery.Sql(scope.ServiceProvider.GetRequiredService<UsersDbContext>().Model, "$1");
    }
}
