using Microsoft.EntityFrameworkCore;
using Users.Application.Users;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.UnitTests.TestDoubles;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Persistence;

/// <summary>The current-user lookup on SQLite; the PostgreSQL reader is covered end to end by the integration tests.</summary>
public sealed class ContextUserAccessReaderTests : SqliteDatabaseTests
{
    [Fact]
    public async Task FindAccess_ReadsTheUserAsClientsSeeItAndItsSecurityStamp_WithoutTracking()
    {
        var user = new UserBuilder().WithEmail("Access.Check@Example.COM").Build();
        await SaveAsync(user);

        var session = await StartSessionAsync(user, At);

        await using var db = Database.CreateContext();
        var access = await Reader(db).FindAccessAsync(user.Id, session.Id, CancellationToken.None);

        Assert.Equal(new UserAccess(new UserRead { Id = user.Id, Email = "Access.Check@example.com", IsActive = true, IsSuperuser = false, IsVerified = false }, user.SecurityStamp, session.Id, At), access);
        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public async Task FindAccess_OfAnotherUsersSession_OrAnEndedOne_ReadsTheUserWithNoSession()
    {
        var user = new UserBuilder().WithEmail("owner@example.com").Build();
        var other = new UserBuilder().WithEmail("other@example.com").Build();
        await SaveAsync(user, other);
        var othersSession = await StartSessionAsync(other, At);

        await using var db = Database.CreateContext();
        var access = await Reader(db).FindAccessAsync(user.Id, othersSession.Id, CancellationToken.None);
        var ended = await Reader(db).FindAccessAsync(user.Id, Guid.CreateVersion7(), CancellationToken.None);

        Assert.Equal(user.Id, access?.User.Id);
        Assert.Null(access?.SessionLastUsedAt);
        Assert.Null(ended?.SessionLastUsedAt);
    }

    [Fact]
    public async Task TouchSession_WritesOnlyWhenTheLastRecordedUseIsAMinuteOld_AndOnlyThatSession()
    {
        var user = new UserBuilder().WithEmail("toucher@example.com").Build();
        await SaveAsync(user);
        var session = await StartSessionAsync(user, At);
        var bystander = await StartSessionAsync(user, At);
        await using var db = Database.CreateContext();

        await Reader(db).TouchSessionAsync(session.Id, At.AddSeconds(59), CancellationToken.None);
        var early = await Reader(db).FindAccessAsync(user.Id, session.Id, CancellationToken.None);
        await Reader(db).TouchSessionAsync(session.Id, At.AddSeconds(61), CancellationToken.None);
        var late = await Reader(db).FindAccessAsync(user.Id, session.Id, CancellationToken.None);

        Assert.Equal(At, early?.SessionLastUsedAt);
        Assert.Equal(At.AddSeconds(61), late?.SessionLastUsedAt);
        Assert.Equal(At, (await Reader(db).FindAccessAsync(user.Id, bystander.Id, CancellationToken.None))?.SessionLastUsedAt);
    }

    private static readonly DateTimeOffset At = UserBuilder.DefaultCreatedAt.AddDays(1);

    private static ContextUserAccessReader Reader(UsersDbContext db) => new(db, TestMappings.Configuration);

    private async Task<Session> StartSessionAsync(User user, DateTimeOffset at)
    {
        var session = Session.Start(user, "jwt", SessionClient.Unknown, at);
        session.ExtendTo(at.AddHours(1));
        await using var db = Database.CreateContext();
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        return session;
    }

    [Fact]
    public async Task FindAccess_ReadsEveryFlagAsStored()
    {
        var user = new UserBuilder().WithEmail("flags@example.com").Build();
        user.Apply(new UserChanges { IsActive = false, IsSuperuser = true, IsVerified = true }, UserBuilder.DefaultCreatedAt);
        await SaveAsync(user);

        await using var db = Database.CreateContext();
        var access = await new ContextUserAccessReader(db, TestMappings.Configuration).FindAccessAsync(user.Id, Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(new UserRead { Id = user.Id, Email = "flags@example.com", IsActive = false, IsSuperuser = true, IsVerified = true }, access?.User);
    }

    [Fact]
    public async Task FindAccess_ForAnUnknownId_ReturnsNull()
    {
        await SaveAsync(new UserBuilder().WithEmail("someone@example.com").Build());

        await using var db = Database.CreateContext();

        Assert.Null(await new ContextUserAccessReader(db, TestMappings.Configuration).FindAccessAsync(Guid.NewGuid(), Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task FindAccess_InsideAnOpenTransaction_ReadsThroughIt_AndLeavesTheConnectionAsItWas()
    {
        var user = new UserBuilder().WithEmail("in.transaction@example.com").Build();
        await using var db = Database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Users.Add(user);
        await db.SaveChangesAsync();

        // Uncommitted: only a command enlisted in the transaction sees the row (SQLite refuses an unenlisted one).
        var access = await new ContextUserAccessReader(db, TestMappings.Configuration).FindAccessAsync(user.Id, Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(user.SecurityStamp, access?.SecurityStamp);
        Assert.Equal(System.Data.ConnectionState.Open, db.Database.GetDbConnection().State);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task FindAccess_OpensAndClosesTheConnectionItself_WhenNoneIsOpen()
    {
        var user = new UserBuilder().WithEmail("closed.connection@example.com").Build();
        await SaveAsync(user);

        await using var db = Database.CreateContext();
        Assert.NotNull(await new ContextUserAccessReader(db, TestMappings.Configuration).FindAccessAsync(user.Id, Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);
    }
}
