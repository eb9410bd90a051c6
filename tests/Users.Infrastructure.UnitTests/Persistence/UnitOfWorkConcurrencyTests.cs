using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Users.Application.Abstractions.Persistence;
using Users.Application.Common.Events;
using Users.Domain.Users;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Persistence.Configurations;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Persistence;

/// <summary>
/// Optimistic concurrency on the user row: of two units of work that read the same user, the second to commit a
/// change is refused, stores nothing and raises nothing; recording a login alone refuses no one.
/// </summary>
public sealed class UnitOfWorkConcurrencyTests : SqliteDatabaseTests
{
    private static readonly DateTimeOffset Later = UserBuilder.DefaultCreatedAt.AddMinutes(5);

    private readonly IDomainEventPublisher _events = Substitute.For<IDomainEventPublisher>();
    private readonly User _user = new UserBuilder().WithEmail("contended@example.com").Build();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SaveAsync(_user);
    }

    [Fact]
    public async Task TwoChangesFromTheSameRead_TheSecondIsRefused_StoresNothing_AndPublishesNothing()
    {
        await using var first = Database.CreateContext();
        await using var second = Database.CreateContext();
        var mine = await LoadAsync(first);
        var theirs = await LoadAsync(second);

        theirs.Apply(new UserChanges { IsSuperuser = true }, Later);
        await UnitOfWork(second).SaveChangesAsync(CancellationToken.None);
        mine.ResetPassword("hash:mine", Later);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => UnitOfWork(first).SaveChangesAsync(CancellationToken.None));

        Assert.Empty(first.ChangeTracker.Entries()); // the refused attempt is forgotten, so a retry reads afresh
        await using var check = Database.CreateContext();
        var stored = await check.Users.SingleAsync();
        Assert.True(stored.IsSuperuser);
        Assert.Equal(UserBuilder.DefaultPasswordHash, stored.HashedPassword);
        await _events.DidNotReceive().PublishAsync(Arg.Is<Domain.Common.IDomainEvent>(e => e is Domain.Users.Events.PasswordReset), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ADeletionFromAnOldRead_IsRefused()
    {
        await using var first = Database.CreateContext();
        await using var second = Database.CreateContext();
        var mine = await LoadAsync(first);
        var theirs = await LoadAsync(second);

        theirs.Apply(new UserChanges { IsActive = false }, Later);
        await UnitOfWork(second).SaveChangesAsync(CancellationToken.None);
        new UserRepository(first).Remove(mine);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => UnitOfWork(first).SaveChangesAsync(CancellationToken.None));
        await using var check = Database.CreateContext();
        Assert.Equal(1, await check.Users.CountAsync());
    }

    [Fact]
    public async Task RecordingLogins_DoesNotRaiseTheVersion_SoConcurrentLoginsAllCommit()
    {
        await using var first = Database.CreateContext();
        await using var second = Database.CreateContext();
        (await LoadAsync(first)).RecordLogin(Later);
        (await LoadAsync(second)).RecordLogin(Later.AddSeconds(1));

        await UnitOfWork(first).SaveChangesAsync(CancellationToken.None);
        await UnitOfWork(second).SaveChangesAsync(CancellationToken.None);

        Assert.Equal(0, await VersionAsync());
    }

    [Fact]
    public async Task ALoginFromAnOldRead_IsRefused_WhenTheUserChangedMeanwhile()
    {
        await using var first = Database.CreateContext();
        await using var second = Database.CreateContext();
        var mine = await LoadAsync(first);
        (await LoadAsync(second)).Apply(new UserChanges { IsActive = false }, Later);
        await UnitOfWork(second).SaveChangesAsync(CancellationToken.None);

        mine.RecordLogin(Later);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => UnitOfWork(first).SaveChangesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task EachCommittedChange_RaisesTheVersionByOne()
    {
        for (var i = 1; i <= 3; i++)
        {
            await using var db = Database.CreateContext();
            (await LoadAsync(db)).Apply(new UserChanges { IsSuperuser = i % 2 == 1 }, Later);
            await UnitOfWork(db).SaveChangesAsync(CancellationToken.None);

            Assert.Equal(i, await VersionAsync());
        }
    }

    private static Task<User> LoadAsync(UsersDbContext db) => db.Users.SingleAsync();

    private UnitOfWork UnitOfWork(UsersDbContext db) => new(db, _events, new NoAuditContext(), TimeProvider.System, NullLogger<UnitOfWork>.Instance);

    private async Task<long> VersionAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Users.Select(u => EF.Property<long>(u, UserConfiguration.VersionProperty)).SingleAsync();
    }
}
