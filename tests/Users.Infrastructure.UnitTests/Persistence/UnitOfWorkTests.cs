using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Users.Application.Abstractions.Persistence;
using Users.Application.Common.Events;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.UnitTests.TestDoubles;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Persistence;

public sealed class UnitOfWorkTests : SqliteDatabaseTests
{
    private readonly IDomainEventPublisher _events = Substitute.For<IDomainEventPublisher>();

    [Fact]
    public async Task SaveChanges_PublishesEachEventOnceAfterTheCommit_WithoutTheRequestsToken()
    {
        var user = User.Register(new UserBuilder().WithEmail("new@example.com").Details(), UserBuilder.DefaultCreatedAt);
        var storedWhenPublished = new List<bool>();
        _events.PublishAsync(Arg.Any<IDomainEvent>(), Arg.Any<CancellationToken>())
            .Returns(_ =>
            {
                using var other = Database.CreateContext();
                storedWhenPublished.Add(other.Users.Any(u => u.Id == user.Id));
                return Task.CompletedTask;
            });
        await using var db = Database.CreateContext();
        using var request = new CancellationTokenSource();

        new UserRepository(db).Add(user);
        await CreateUnitOfWork(db).SaveChangesAsync(request.Token);
        await CreateUnitOfWork(db).SaveChangesAsync(request.Token); // nothing new: nothing published again

        var call = Assert.Single(PublishedAfterCommit());
        var published = Assert.IsType<UserRegistered>(call.GetArguments()[0]);
        Assert.Equal(user.Id, published.UserId);
        Assert.Equal(CancellationToken.None, call.GetArguments()[1]);
        Assert.Equal([true], storedWhenPublished);
        Assert.Empty(user.DomainEvents);
    }

    [Fact]
    public async Task SaveChanges_PublishesEventsOfDeletedUsers_InTheOrderRaised()
    {
        var user = new UserBuilder().WithEmail("leaving@example.com").Build();
        await SaveAsync(user);
        await using var db = Database.CreateContext();
        var repository = new UserRepository(db);
        var loaded = (await repository.GetByIdAsync(user.Id, CancellationToken.None))!;

        loaded.RecordLogin(UserBuilder.DefaultCreatedAt);
        loaded.MarkDeleted();
        repository.Remove(loaded);
        await CreateUnitOfWork(db).SaveChangesAsync(CancellationToken.None);

        var events = PublishedAfterCommit().Select(c => c.GetArguments()[0]).ToList();
        Assert.Collection(events, e => Assert.IsType<UserLoggedIn>(e), e => Assert.IsType<UserDeleted>(e));
        await using var check = Database.CreateContext();
        Assert.False(await check.Users.AnyAsync());
    }

    [Fact]
    public async Task SaveChanges_WithATakenNormalizedEmail_ThrowsEmailAlreadyTaken_StoresNothing_PublishesNothing()
    {
        await SaveAsync(new UserBuilder().WithEmail("taken@example.com").Build());
        await using var db = Database.CreateContext();
        var newcomer = new UserBuilder().WithEmail("TAKEN@Example.com").Build();
        new UserRepository(db).Add(newcomer);

        await Assert.ThrowsAsync<EmailAlreadyTakenException>(() => CreateUnitOfWork(db).SaveChangesAsync(CancellationToken.None));

        Assert.Empty(PublishedAfterCommit());
        Assert.Empty(db.ChangeTracker.Entries()); // the failed unit is discarded, so a later save cannot retry it
        await using var check = Database.CreateContext();
        Assert.Equal(["taken@example.com"], await check.Users.Select(u => u.Email).ToListAsync());
    }

    [Fact]
    public async Task SaveChanges_ChangingEmailToATakenOne_ThrowsEmailAlreadyTaken()
    {
        var first = new UserBuilder().WithEmail("first@example.com").Build();
        var second = new UserBuilder().WithEmail("second@example.com").Build();
        await SaveAsync(first, second);
        await using var db = Database.CreateContext();
        var loaded = (await new UserRepository(db).GetByIdAsync(second.Id, CancellationToken.None))!;

        loaded.Apply(new UserChanges { Email = Email.Create("First@example.com").Value }, UserBuilder.DefaultCreatedAt);

        await Assert.ThrowsAsync<EmailAlreadyTakenException>(() => CreateUnitOfWork(db).SaveChangesAsync(CancellationToken.None));
        Assert.Empty(PublishedAfterCommit());
    }

    [Fact]
    public async Task SaveChanges_OtherDatabaseErrors_AreNotMistakenForATakenEmail()
    {
        var user = new UserBuilder().WithEmail("twin@example.com").Build();
        await SaveAsync(user);
        await using var db = Database.CreateContext();

        // Same primary key, different address: a unique violation, but not of the address index.
        var clone = new UserBuilder().WithEmail("other@example.com").Build();
        typeof(User).GetProperty(nameof(User.Id))!.SetValue(clone, user.Id);
        new UserRepository(db).Add(clone);

        await Assert.ThrowsAsync<DbUpdateException>(() => CreateUnitOfWork(db).SaveChangesAsync(CancellationToken.None));
        Assert.Empty(PublishedAfterCommit());
    }

    [Fact]
    public async Task SaveChanges_WhenAHandlerFails_KeepsTheChange_LogsTheEventTypeOnly_AndPublishesTheRest()
    {
        var logger = new CapturingLogger<UnitOfWork>();
        _events.PublishAsync(Arg.Any<IDomainEvent>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException(new InvalidOperationException("mail server down")), Task.CompletedTask);
        var user = User.Register(new UserBuilder().WithEmail("hooked@example.com").Details(), UserBuilder.DefaultCreatedAt);
        user.RecordLogin(UserBuilder.DefaultCreatedAt);
        await using var db = Database.CreateContext();
        new UserRepository(db).Add(user);

        await new UnitOfWork(db, _events, new NoAuditContext(), TimeProvider.System, logger).SaveChangesAsync(CancellationToken.None);

        Assert.Equal(2, PublishedAfterCommit().Count());
        var entry = Assert.Single(logger.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains(nameof(UserRegistered), entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hooked@example.com", entry.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(entry.Exception);
        await using var check = Database.CreateContext();
        Assert.True(await check.Users.AnyAsync(u => u.Id == user.Id));
    }

    [Fact]
    public async Task SaveChanges_WithTheRealPublisher_ReachesHandlersOfTheConcreteEventType()
    {
        var handler = new RecordingHandler();
        await using var services = new ServiceCollection().AddSingleton<IDomainEventHandler<UserRegistered>>(handler).BuildServiceProvider();
        await using var db = Database.CreateContext();
        var user = User.Register(new UserBuilder().WithEmail("published@example.com").Details(), UserBuilder.DefaultCreatedAt);
        new UserRepository(db).Add(user);

        await new UnitOfWork(db, new DomainEventPublisher(services), new NoAuditContext(), TimeProvider.System, NullLogger<UnitOfWork>.Instance).SaveChangesAsync(CancellationToken.None);

        Assert.Equal([user.Id], handler.Received.Select(e => e.UserId));
    }

    private UnitOfWork CreateUnitOfWork(UsersDbContext db) => new(db, _events, new NoAuditContext(), TimeProvider.System, NullLogger<UnitOfWork>.Instance);

    private sealed class RecordingHandler : IDomainEventHandler<UserRegistered>
    {
        public List<UserRegistered> Received { get; } = [];

        public Task Handle(UserRegistered domainEvent, CancellationToken cancellationToken)
        {
            Received.Add(domainEvent);
            return Task.CompletedTask;
        }
    }

    // The publications to the post-commit hooks (the transactional ones get each event before the commit).
    private IEnumerable<NSubstitute.Core.ICall> PublishedAfterCommit() =>
        _events.ReceivedCalls().Where(c => c.GetMethodInfo().Name == nameof(IDomainEventPublisher.PublishAsync));
}
