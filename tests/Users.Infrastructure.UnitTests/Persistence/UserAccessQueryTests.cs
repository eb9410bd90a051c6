using Mapster;
using Microsoft.EntityFrameworkCore;
using Users.Application.Common.Mapping;
using Users.Application.Users;
using Users.Domain.Users;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.UnitTests.TestDoubles;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Persistence;

/// <summary>
/// The current-user lookup takes its columns and its reading from the one User-to-UserRead mapping, so a change to the
/// mapping (or a member added to UserRead and the aggregate) changes the query with it.
/// </summary>
public sealed class UserAccessQueryTests : SqliteDatabaseTests
{
    [Fact]
    public void Sql_SelectsTheReadModelsColumnsThenTheStampThenTheSessionsLastUse_ById_InOneStatement()
    {
        using var db = Database.CreateContext();

        var query = UserAccessQuery.Create(db.Model, TestMappings.Configuration, Parameter);

        Assert.Equal(
            "SELECT u.\"id\", u.\"email\", u.\"is_active\", u.\"is_superuser\", u.\"is_verified\", u.\"security_stamp\", s.\"last_used_at\" "
            + "FROM \"users\" AS u LEFT JOIN \"sessions\" AS s ON s.\"id\" = @p2 AND s.\"user_id\" = u.\"id\" WHERE u.\"id\" = @p1",
            query.Sql);
        Assert.Equal("UPDATE \"sessions\" SET \"last_used_at\" = @p2 WHERE \"id\" = @p1 AND \"last_used_at\" <= @p3", query.TouchSql);
    }

    [Fact]
    public async Task Read_FollowsTheMapping_WhenAMemberMapsFromAnotherProperty()
    {
        var user = new UserBuilder().WithEmail("Mixed.Case@Example.com").Verified().Build();
        await SaveAsync(user);
        await using var db = Database.CreateContext();
        var mappings = Mappings(config => config.NewConfig<User, UserRead>().Map(read => read.Email, u => u.NormalizedEmail));

        var query = UserAccessQuery.Create(db.Model, mappings, Parameter);
        var access = await ReadAsync(db, query, user.Id, Guid.NewGuid());

        Assert.Contains("\"normalized_email\"", query.Sql, StringComparison.Ordinal);
        Assert.Equal(
            new UserRead { Id = user.Id, Email = "mixed.case@example.com", IsActive = true, IsSuperuser = false, IsVerified = true },
            access?.User);
    }

    [Fact]
    public void Create_WithAMappingThatReadsWhatIsNotAColumn_FailsNamingIt()
    {
        using var db = Database.CreateContext();
        var mappings = Mappings(config => config.NewConfig<User, UserRead>().Map(read => read.IsActive, u => u.DomainEvents.Count == 0));

        var failure = Assert.Throws<InvalidOperationException>(() => UserAccessQuery.Create(db.Model, mappings, Parameter));

        Assert.Contains("User.DomainEvents", failure.Message, StringComparison.Ordinal);
    }

    private static string Parameter(int n) => "@p" + n;

    private static TypeAdapterConfig Mappings(Action<TypeAdapterConfig> customize)
    {
        var config = MappingConfiguration.Create([typeof(UserRead).Assembly]).Clone();
        customize(config);
        config.Compile();
        return config;
    }

    private static async Task<UserAccess?> ReadAsync(UsersDbContext db, UserAccessQuery query, Guid id, Guid sessionId)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = query.Sql;
        foreach (var (name, value) in new[] { ("@p1", id), ("@p2", sessionId) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value.ToString().ToUpperInvariant();
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? query.Read(reader, sessionId) : null;
    }
}
