using Microsoft.EntityFrameworkCore;
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
    public async Task FindAccess_ReadsTheStoredUserItsStampAndTheSessionsLastUse_InOneQuery()
    {
        var (user, _) = await CreateUserAsync(superuser: true, verified: true);

        var (access, stamp, session) = await Factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<UsersDbContext>();
            var stored = await db.Users.FindAsync(user.Id);
            var session = await db.Sessions.SingleAsync(s => s.UserId == user.Id);
            return (await sp.GetRequiredService<IUserAccessReader>().FindAccessAsync(user.Id, session.Id, CancellationToken.None), stored!.SecurityStamp, session);
        });

        Assert.Equal(new UserAccess(user, stamp, session.Id, session.LastUsedAt), access);
    }

    [SkippableFact]
    public async Task FindAccess_ForAnUnknownId_ReturnsNull_AndForAnotherUsersSession_NoSession()
    {
        var (owner, _) = await CreateUserAsync();
        var (other, _) = await CreateUserAsync();

        var (unknown, foreign) = await Factory.InScopeAsync(async sp =>
        {
            var ownersSession = await sp.GetRequiredService<UsersDbContext>().Sessions.SingleAsync(s => s.UserId == owner.Id);
            var reader = sp.GetRequiredService<IUserAccessReader>();
            return (await reader.FindAccessAsync(Guid.NewGuid(), ownersSession.Id, CancellationToken.None),
                await reader.FindAccessAsync(other.Id, ownersSession.Id, CancellationToken.None));
        });

        Assert.Null(unknown);
        Assert.Equal(other.Id, foreign?.User.Id);
        Assert.Null(foreign?.SessionLastUsedAt);
    }

    [SkippableFact]
    public async Task TouchSession_RecordsAUseOnlyAMinuteAfterTheLastOne()
    {
        var (user, _) = await CreateUserAsync();

        var (early, late, started) = await Factory.InScopeAsync(async sp =>
        {
            var session = await sp.GetRequiredService<UsersDbContext>().Sessions.AsNoTracking().SingleAsync(s => s.UserId == user.Id);
            var reader = sp.GetRequiredService<IUserAccessReader>();
            await reader.TouchSessionAsync(session.Id, session.LastUsedAt.AddSeconds(30), CancellationToken.None);
            var early = (await reader.FindAccessAsync(user.Id, session.Id, CancellationToken.None))?.SessionLastUsedAt;
            await reader.TouchSessionAsync(session.Id, session.LastUsedAt.AddSeconds(90), CancellationToken.None);
            var late = (await reader.FindAccessAsync(user.Id, session.Id, CancellationToken.None))?.SessionLastUsedAt;
            return (early, late, session.LastUsedAt);
        });

        Assert.Equal(started, early);
        Assert.Equal(started.AddSeconds(90), late);
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
