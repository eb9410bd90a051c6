using Microsoft.EntityFrameworkCore;
using Users.Application.Users;
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

        await using var db = Database.CreateContext();
        var access = await new ContextUserAccessReader(db, TestMappings.Configuration).FindAccessAsync(user.Id, CancellationToken.None);

        Assert.Equal(new UserAccess(new UserRead { Id = user.Id, Email = "Access.Check@example.com", IsActive = true, IsSuperuser = false, IsVerified = false }, user.SecurityStamp), access);
        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public async Task FindAccess_ReadsEveryFlagAsStored()
    {
        var user = new UserBuilder().WithEmail("flags@example.com").Build();
        user.Apply(new UserChanges { IsActive = false, IsSuperuser = true, IsVerified = true }, UserBuilder.DefaultCreatedAt);
        await SaveAsync(user);

        await using var db = Database.CreateContext();
        var access = await new ContextUserAccessReader(db, TestMappings.Configuration).FindAccessAsync(user.Id, CancellationToken.None);

        Assert.Equal(new UserRead { Id = user.Id, Email = "flags@example.com", IsActive = false, IsSuperuser = true, IsVerified = true }, access?.User);
    }

    [Fact]
    public async Task FindAccess_ForAnUnknownId_ReturnsNull()
    {
        await SaveAsync(new UserBuilder().WithEmail("someone@example.com").Build());

        await using var db = Database.CreateContext();

        Assert.Null(await new ContextUserAccessReader(db, TestMappings.Configuration).FindAccessAsync(Guid.NewGuid(), CancellationToken.None));
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
        var access = await new ContextUserAccessReader(db, TestMappings.Configuration).FindAccessAsync(user.Id, CancellationToken.None);

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
        Assert.NotNull(await new ContextUserAccessReader(db, TestMappings.Configuration).FindAccessAsync(user.Id, CancellationToken.None));

        Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);
    }
}
