using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Users.Application.Abstractions.Audit;
using Users.Application.Abstractions.Persistence;
using Users.Application.Common.Events;
using Users.Domain.Audit;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.UnitTests.TestDoubles;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Persistence;

/// <summary>The unit of work writes the audit entries of the events it commits, in the same transaction, and logs each.</summary>
public sealed class UnitOfWorkAuditTests : SqliteDatabaseTests
{
    private static readonly DateTimeOffset Now = UserBuilder.DefaultCreatedAt.AddDays(2);

    private readonly IAuditContext _context = Substitute.For<IAuditContext>();
    private readonly CapturingLogger<UnitOfWork> _logger = new();
    private readonly Guid _admin = Guid.NewGuid();
    private readonly Guid _adminSession = Guid.NewGuid();

    public UnitOfWorkAuditTests()
    {
        _context.ActorId.Returns(_admin);
        _context.SessionId.Returns(_adminSession);
        _context.Client.Returns(new SessionClient("203.0.113.77", "Admin/1"));
    }

    private UnitOfWork UnitOfWork(UsersDbContext db) =>
        new(db, Substitute.For<IDomainEventPublisher>(), _context, new FakeTimeProvider(Now), _logger);

    [Fact]
    public async Task TheEntriesOfTheCommittedEvents_AreStoredWithTheirContext_AndLoggedByIdsOnly()
    {
        var user = new UserBuilder().WithEmail("audited@example.com").Build();
        await SaveAsync(user);
        await using (var db = Database.CreateContext())
        {
            var loaded = (await new UserRepository(db).GetByIdAsync(user.Id, CancellationToken.None))!;
            loaded.Apply(new UserChanges { IsActive = false }, Now);
            await UnitOfWork(db).SaveChangesAsync(CancellationToken.None);
        }

        await using var check = Database.CreateContext();
        var entry = Assert.Single(await check.AuditEvents.ToListAsync());
        Assert.Equal((AuditEventType.Deactivated, user.Id, _admin, _adminSession, Now), (entry.Type, entry.UserId, entry.ActorId, entry.SessionId, entry.At));
        Assert.Equal(("203.0.113.77", "Admin/1"), (entry.Ip, entry.UserAgent));
        var line = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Information);
        Assert.Equal($"Audit deactivated: user {user.Id}, actor {_admin}, session {_adminSession}", line.Message);
        Assert.DoesNotContain("audited@example.com", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommitThatFails_StoresNoEntry()
    {
        await SaveAsync(new UserBuilder().WithEmail("taken@example.com").Build());
        await using (var db = Database.CreateContext())
        {
            new UserRepository(db).Add(User.Register(new UserBuilder().WithEmail("TAKEN@example.com").Details(), Now));
            await Assert.ThrowsAsync<EmailAlreadyTakenException>(() => UnitOfWork(db).SaveChangesAsync(CancellationToken.None));
        }

        await using var check = Database.CreateContext();
        Assert.Empty(await check.AuditEvents.ToListAsync());
        Assert.DoesNotContain(_logger.Entries, e => e.Level == LogLevel.Information);
    }

    [Fact]
    public async Task EntriesAddedByAHandler_AreCommittedWithTheRest()
    {
        await using (var db = Database.CreateContext())
        {
            new AuditLog(db).Add(AuditEvent.Record(AuditEventType.LoginFailed, Now, null, null, SessionClient.Unknown, null));
            await UnitOfWork(db).SaveChangesAsync(CancellationToken.None);
        }

        await using var check = Database.CreateContext();
        var entry = Assert.Single(await check.AuditEvents.ToListAsync());
        Assert.Equal((AuditEventType.LoginFailed, (Guid?)null), (entry.Type, entry.UserId));
    }

    [Fact]
    public async Task AuditLog_ListsAUsersEntriesNewestFirst_BeforeACursor()
    {
        var user = Guid.NewGuid();
        var entries = Enumerable.Range(0, 5)
            .Select(i => AuditEvent.Record(AuditEventType.LoginSucceeded, Now.AddMinutes(i), user, user, SessionClient.Unknown, null))
            .Append(AuditEvent.Record(AuditEventType.LoginSucceeded, Now, Guid.NewGuid(), null, SessionClient.Unknown, null))
            .ToList();
        await using (var db = Database.CreateContext())
        {
            db.AuditEvents.AddRange(entries);
            await db.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var log = new AuditLog(read);
        var first = await log.ListAsync(user, null, 2, CancellationToken.None);
        var next = await log.ListAsync(user, first[^1].Id, 10, CancellationToken.None);

        Assert.Equal([entries[4].Id, entries[3].Id], first.Select(e => e.Id));
        Assert.Equal([entries[2].Id, entries[1].Id, entries[0].Id], next.Select(e => e.Id));
    }
}
