using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Application.Abstractions.Persistence;
using Users.Application.Users;
using Users.Infrastructure.Persistence;

namespace Users.Api.IntegrationTests.Platform;

/// <summary>
/// The current-user lookup of each provider against its real database: PostgreSQL's reads straight from the pool,
/// SQLite's through the request's context. The routes' tests cover what clients see of it.
/// </summary>
public abstract class CurrentUserLookupTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task FindAccess_ReadsTheStoredUserAndItsStamp()
    {
        var (user, _) = await CreateUserAsync(superuser: true, verified: true);

        var (access, stamp) = await Factory.InScopeAsync(async sp =>
        {
            var stored = await sp.GetRequiredService<UsersDbContext>().Users.FindAsync(user.Id);
            return (await sp.GetRequiredService<IUserAccessReader>().FindAccessAsync(user.Id, CancellationToken.None), stored!.SecurityStamp);
        });

        Assert.Equal(new UserAccess(user, stamp), access);
    }

    [SkippableFact]
    public async Task FindAccess_ForAnUnknownId_ReturnsNull()
    {
        var access = await Factory.InScopeAsync(sp =>
            sp.GetRequiredService<IUserAccessReader>().FindAccessAsync(Guid.NewGuid(), CancellationToken.None));

        Assert.Null(access);
    }

    [SkippableFact]
    public async Task TheReaderOfTheProvider_IsRegistered()
    {
        var reader = await Factory.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IUserAccessReader>()));

        Assert.IsType(Fixture.Provider == DatabaseProvider.Postgres ? typeof(NpgsqlUserAccessReader) : typeof(ContextUserAccessReader), reader);
    }
}

public sealed class CurrentUserLookupSqliteTests(SqliteApiFixture fixture) : CurrentUserLookupTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class CurrentUserLookupPostgresTests(PostgresApiFixture fixture) : CurrentUserLookupTests(fixture), IClassFixture<PostgresApiFixture>;
