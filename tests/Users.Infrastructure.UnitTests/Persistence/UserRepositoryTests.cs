using Microsoft.EntityFrameworkCore;
using Users.Application.Abstractions.Persistence;
using Users.Infrastructure.Persistence;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Persistence;

public sealed class UserRepositoryTests : SqliteDatabaseTests
{
    [Fact]
    public async Task Add_ThenSave_StoresEveryColumnAndReadsBackTheSameUser()
    {
        var user = new UserBuilder().WithEmail("Some.One@Example.COM").Build();
        user.RecordLogin(UserBuilder.DefaultCreatedAt.AddMinutes(5));
        await using (var db = Database.CreateContext())
        {
            new UserRepository(db).Add(user);
            await db.SaveChangesAsync();
        }

        await using var check = Database.CreateContext();
        var loaded = await new UserRepository(check).FindForReadAsync(user.Id, CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal("Some.One@example.com", loaded.Email);
        Assert.Equal("some.one@example.com", loaded.NormalizedEmail);
        Assert.Equal(user.HashedPassword, loaded.HashedPassword);
        Assert.Equal(user.SecurityStamp, loaded.SecurityStamp);
        Assert.True(loaded.IsActive);
        Assert.False(loaded.IsSuperuser);
        Assert.False(loaded.IsVerified);
        Assert.Equal(UserBuilder.DefaultCreatedAt, loaded.CreatedAt);
        Assert.Equal(UserBuilder.DefaultCreatedAt, loaded.UpdatedAt);
        Assert.Equal(UserBuilder.DefaultCreatedAt.AddMinutes(5), loaded.LastLoginAt);
        Assert.Empty(loaded.DomainEvents);
    }

    [Fact]
    public async Task GetById_and_GetByNormalizedEmail_Track_while_reads_do_not()
    {
        var user = new UserBuilder().WithEmail("tracked@example.com").Build();
        await SaveAsync(user);

        await using var db = Database.CreateContext();
        var repository = new UserRepository(db);
        Assert.NotNull(await repository.GetByIdAsync(user.Id, CancellationToken.None));
        Assert.NotNull(await repository.GetByNormalizedEmailAsync("tracked@example.com", CancellationToken.None));
        Assert.Single(db.ChangeTracker.Entries());

        db.ChangeTracker.Clear();
        Assert.NotNull(await repository.FindForReadAsync(user.Id, CancellationToken.None));
        Assert.True(await repository.ExistsByNormalizedEmailAsync("tracked@example.com", CancellationToken.None));
        Assert.Single(await repository.ListAsync(new UserListCriteria(10, null, null, null), CancellationToken.None));
        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public async Task Lookups_ForUnknownUsers_ReturnNullOrFalse()
    {
        await using var db = Database.CreateContext();
        var repository = new UserRepository(db);

        Assert.Null(await repository.GetByIdAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Null(await repository.FindForReadAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Null(await repository.GetByNormalizedEmailAsync("nobody@example.com", CancellationToken.None));
        Assert.False(await repository.ExistsByNormalizedEmailAsync("nobody@example.com", CancellationToken.None));
    }

    [Fact]
    public async Task Remove_ThenSave_DeletesTheRow()
    {
        var user = new UserBuilder().WithEmail("gone@example.com").Build();
        await SaveAsync(user);

        await using (var db = Database.CreateContext())
        {
            var repository = new UserRepository(db);
            var loaded = await repository.GetByIdAsync(user.Id, CancellationToken.None);
            repository.Remove(loaded!);
            await db.SaveChangesAsync();
        }

        await using var check = Database.CreateContext();
        Assert.False(await check.Users.AnyAsync());
    }

    [Fact]
    public async Task ListAsync_PagesThroughEveryUserOnceInIdOrder_WithFilters()
    {
        // 30 users over 3 domains, every third inactive, created at different instants.
        var users = Enumerable.Range(0, 30)
            .Select(i => new UserBuilder().WithEmail(
                $"user{i:D2}@{(i % 3 == 0 ? "alpha" : "beta")}.example.com").Inactive(i % 3 == 1).CreatedAt(UserBuilder.DefaultCreatedAt.AddSeconds(i)).Build())
            .ToList();
        await SaveAsync([.. users]);

        var allPages = await ReadAllPagesAsync(new UserListCriteria(7, null, null, null));
        Assert.Equal(users.Select(u => u.Id).Order(), allPages);

        var activeBeta = await ReadAllPagesAsync(new UserListCriteria(4, null, "user1", true));
        var expected = users.Where(u => u.IsActive && u.NormalizedEmail.StartsWith("user1", StringComparison.Ordinal))
            .Select(u => u.Id)
            .Order()
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, activeBeta);

        var inactive = await ReadAllPagesAsync(new UserListCriteria(3, null, null, false));
        Assert.Equal(users.Where(u => !u.IsActive).Select(u => u.Id).Order(), inactive);
    }

    [Fact]
    public async Task ListAsync_PrefixIsMatchedLiterally_NotAsALikePattern()
    {
        await SaveAsync(new UserBuilder().WithEmail("a_b@example.com").Build(), new UserBuilder().WithEmail("axb@example.com").Build(), new UserBuilder().WithEmail("a%c@example.com").Build());

        await using var db = Database.CreateContext();
        var repository = new UserRepository(db);
        var underscore = await repository.ListAsync(new UserListCriteria(10, null, "a_", null), CancellationToken.None);
        var percent = await repository.ListAsync(new UserListCriteria(10, null, "a%", null), CancellationToken.None);

        Assert.Equal("a_b@example.com", Assert.Single(underscore).Email);
        Assert.Equal("a%c@example.com", Assert.Single(percent).Email);
    }

    [Fact]
    public async Task ListAsync_AfterTheLastId_ReturnsAnEmptyPage()
    {
        var user = new UserBuilder().Build();
        await SaveAsync(user);

        await using var db = Database.CreateContext();
        var page = await new UserRepository(db).ListAsync(new UserListCriteria(10, user.Id, null, null), CancellationToken.None);

        Assert.Empty(page);
    }

    private async Task<List<Guid>> ReadAllPagesAsync(UserListCriteria first)
    {
        var ids = new List<Guid>();
        var criteria = first;
        while (true)
        {
            // A fresh context per page, as each HTTP request would have.
            await using var db = Database.CreateContext();
            var page = await new UserRepository(db).ListAsync(criteria, CancellationToken.None);
            Assert.True(page.Count <= first.Limit);
            ids.AddRange(page.Select(u => u.Id));
            if (page.Count < first.Limit)
            {
                return ids;
            }

            criteria = criteria with { After = page[^1].Id };
        }
    }
}
