using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Infrastructure.Persistence;

namespace Users.Api.IntegrationTests.Platform;

/// <summary>The fixture's service migrated an empty database at start-up; these tests check the result.</summary>
public abstract class MigrationsTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task Startup_AppliesEveryMigrationToAnEmptyDatabase()
    {
        var (all, applied) = await Factory.InScopeAsync(async sp =>
        {
            var context = sp.GetRequiredService<UsersDbContext>();
            return (context.Database.GetMigrations().ToList(), (await context.Database.GetAppliedMigrationsAsync()).ToList());
        });

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
    }

    [SkippableFact]
    public async Task Model_HasNoChangesMissingFromTheMigrations()
    {
        var pending = await Factory.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<UsersDbContext>().Database.HasPendingModelChanges()));

        Assert.False(pending);
    }

    [SkippableFact]
    public async Task Database_RefusesTwoUsersWithTheSameNormalizedEmail()
    {
        var email = NewEmail("index");
        await RegisterAsync(email);

        var refused = await Factory.InScopeAsync(async sp =>
        {
            var context = sp.GetRequiredService<UsersDbContext>();
            var original = await context.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == email);
            var twin = Domain.Users.User.Register(
                new Domain.Users.UserChanges { Email = Domain.Users.Email.Create(email.ToUpperInvariant()).Value, PasswordHash = original.HashedPassword },
                DateTimeOffset.UtcNow);
            context.Users.Add(twin);
            try
            {
                await context.SaveChangesAsync();
                return false;
            }
            catch (DbUpdateException)
            {
                return true;
            }
        });

        Assert.True(refused);
    }
}

public sealed class MigrationsSqliteTests(SqliteApiFixture fixture) : MigrationsTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class MigrationsPostgresTests(PostgresApiFixture fixture) : MigrationsTests(fixture), IClassFixture<PostgresApiFixture>;
