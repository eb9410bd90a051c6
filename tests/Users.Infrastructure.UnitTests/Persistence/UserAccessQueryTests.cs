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
    public void Sql_SelectsTheReadModelsColumnsThenTheStamp_ById()
    {
        using var db = Database.CreateContext();

        var query = UserAccessQuery.Create(db.Model, TestMappings.Configuration, "@id");

        Assert.Equal(
            "SELECT \"id\", \"email\", \"is_active\", \"is_superuser\", \"is_verified\", \"security_stamp\" FROM \"users\" WHERE \"id\" = @id",
            query.Sql);
    }

    [Fact]
    public async Task Read_FollowsTheMapping_WhenAMemberMapsFromAnotherProperty()
    {
        var user = new UserBuilder().WithEmail("Mixed.Case@Example.com").Verified().Build();
        await SaveAsync(user);
        await using var db = Database.CreateContext();
        var mappings = Mappings(config => config.NewConfig<User, UserRead>().Map(read => read.Email, u => u.NormalizedEmail));

        var query = UserAccessQuery.Create(db.Model, mappings, "@id");
        var access = await ReadAsync(db, query, user.Id);

        Assert.Contains("\"normalized_email\"", query.Sql, StringComparison.Ordinal);
        Assert.Equal(
            new UserAccess(new UserRead { Id = user.Id, Email = "mixed.case@example.com", IsActive = true, IsSuperuser = false, IsVerified = true }, user.SecurityStamp),
            access);
    }

    [Fact]
    public void Create_WithAMappingThatReadsWhatIsNotAColumn_FailsNamingIt()
    {
        using var db = Database.CreateContext();
        var mappings = Mappings(config => config.NewConfig<User, UserRead>().Map(read => read.IsActive, u => u.DomainEvents.Count == 0));

        var failure = Assert.Throws<InvalidOperationException>(() => UserAccessQuery.Create(db.Model, mappings, "@id"));

        Assert.Contains("User.DomainEvents", failure.Message, StringComparison.Ordinal);
    }

    private static TypeAdapterConfig Mappings(Action<TypeAdapterConfig> customize)
    {
        var config = MappingConfiguration.Create([typeof(UserRead).Assembly]).Clone();
        customize(config);
        config.Compile();
        return config;
    }

    private static async Task<UserAccess?> ReadAsync(UsersDbContext db, UserAccessQuery query, Guid id)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = query.Sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = id.ToString().ToUpperInvariant();
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? query.Read(reader) : null;
    }
}
