using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.UnitTests.TestDoubles;

namespace Users.Infrastructure.UnitTests.Persistence;

public sealed class UnitOfWorkTests : IAsyncLifetime
{
    private readonly IMediator _mediator = Substitute.For<IMediator>();
    private SqliteTestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await SqliteTestDatabase.CreateMigratedAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task SaveChanges_PublishesEachEventOnceAfterTheCommit_WithoutTheRequestsToken()
    {
        var user = UserBuilder.Create("new@example.com");
        var storedWhenPublished = new List<bool>();
        _mediator.Publish(Arg.Any<IDomainEvent>(), Arg.Any<CancellationToken>())
            .Returns(_ =>
            {
                using var other = _database.CreateContext();
                storedWhenPublished.Add(other.Users.Any(u => u.Id == user.Id));
                return Task.CompletedTask;
            });
        await using var db = _database.CreateContext();
        using var request = new CancellationTokenSource();

        new UserRepository(db).Add(user);
        await CreateUnitOfWork(db).SaveChangesAsync(request.Token);
        await CreateUnitOfWork(db).SaveChangesAsync(request.Token); // nothing new: nothing published again

        var call = Assert.Single(_mediator.ReceivedCalls());
        var published = Assert.IsType<UserRegistered>(call.GetArguments()[0]);
        Assert.Equal(user.Id, published.UserId);
        Assert.Equal(CancellationToken.None, call.GetArguments()[1]);
        Assert.Equal([true], storedWhenPublished);
        Assert.Empty(user.DomainEvents);
    }

    [Fact]
    public async Task SaveChanges_PublishesEventsOfDeletedUsers_InTheOrderRaised()
    {
        var user = UserBuilder.Create("leaving@example.com");
        await SeedAsync(user);
        await using var db = _database.CreateContext();
        var repository = new UserRepository(db);
        var loaded = (await repository.GetByIdAsync(user.Id, CancellationToken.None))!;

        loaded.RecordLogin(UserBuilder.Now);
        loaded.MarkDeleted();
        repository.Remove(loaded);
        await CreateUnitOfWork(db).SaveChangesAsync(CancellationToken.None);

        var events = _mediator.ReceivedCalls().Select(c => c.GetArguments()[0]).ToList();
        Assert.Collection(events, e => Assert.IsType<UserLoggedIn>(e), e => Assert.IsType<UserDeleted>(e));
        await using var check = _database.CreateContext();
        Assert.False(await check.Users.AnyAsync());
    }

    [Fact]
    public async Task SaveChanges_WithATakenNormalizedEmail_ThrowsEmailAlreadyTaken_StoresNothing_PublishesNothing()
    {
        await SeedAsync(UserBuilder.Create("taken@example.com"));
        await using var db = _database.CreateContext();
        var newcomer = UserBuilder.Create("TAKEN@Example.com");
        new UserRepository(db).Add(newcomer);

        await Assert.ThrowsAsync<EmailAlreadyTakenException>(() => CreateUnitOfWork(db).SaveChangesAsync(CancellationToken.None));

        Assert.Empty(_mediator.ReceivedCalls());
        Assert.Empty(db.ChangeTracker.Entries()); // the failed unit is discarded, so a later save cannot retry it
        await using var check = _database.CreateContext();
        Assert.Equal(["taken@example.com"], await check.Users.Select(u => u.Email).ToListAsync());
    }

    [Fact]
    public async Task SaveChanges_ChangingEmailToATakenOne_ThrowsEmailAlreadyTaken()
    {
        var first = UserBuilder.Create("first@example.com");
        var second = UserBuilder.Create("second@example.com");
        await SeedAsync(first, second);
        await using var db = _database.CreateContext();
        var loaded = (await new UserRepository(db).GetByIdAsync(second.Id, CancellationToken.None))!;

        loaded.Apply(new UserChanges(Email: Email.Create("First@example.com").Value), UserBuilder.Now);

        await Assert.ThrowsAsync<EmailAlreadyTakenException>(() => CreateUnitOfWork(db).SaveChangesAsync(CancellationToken.None));
        Assert.Empty(_mediator.ReceivedCalls());
    }

    [Fact]
    public async Task SaveChanges_OtherDatabaseErrors_AreNotMistakenForATakenEmail()
    {
        var user = UserBuilder.Create("twin@example.com");
        await SeedAsync(user);
        await using var db = _database.CreateContext();

        // Same primary key, different address: a unique violation, but not of the address index.
        var clone = UserBuilder.Create("other@example.com");
        typeof(User).GetProperty(nameof(User.Id))!.SetValue(clone, user.Id);
        new UserRepository(db).Add(clone);

        await Assert.ThrowsAsync<DbUpdateException>(() => CreateUnitOfWork(db).SaveChangesAsync(CancellationToken.None));
        Assert.Empty(_mediator.ReceivedCalls());
    }

    [Fact]
    public async Task SaveChanges_WhenAHandlerFails_KeepsTheChange_LogsTheEventTypeOnly_AndPublishesTheRest()
    {
        var logger = new CapturingLogger<UnitOfWork>();
        _mediator.Publish(Arg.Any<IDomainEvent>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException(new InvalidOperationException("mail server down")), Task.CompletedTask);
        var user = UserBuilder.Create("hooked@example.com");
        user.RecordLogin(UserBuilder.Now);
        await using var db = _database.CreateContext();
        new UserRepository(db).Add(user);

        await new UnitOfWork(db, _mediator, logger).SaveChangesAsync(CancellationToken.None);

        Assert.Equal(2, _mediator.ReceivedCalls().Count());
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains(nameof(UserRegistered), entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hooked@example.com", entry.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(entry.Exception);
        await using var check = _database.CreateContext();
        Assert.True(await check.Users.AnyAsync(u => u.Id == user.Id));
    }

    [Fact]
    public async Task SaveChanges_WithARealMediator_ReachesHandlersOfTheConcreteEventType()
    {
        var handler = new RecordingHandler();
        var mediator = new Mediator(type => type == typeof(IEnumerable<INotificationHandler<UserRegistered>>)
            ? new INotificationHandler<UserRegistered>[] { handler }
            : Array.CreateInstance(type.GetGenericArguments()[0], 0));
        await using var db = _database.CreateContext();
        var user = UserBuilder.Create("mediated@example.com");
        new UserRepository(db).Add(user);

        await new UnitOfWork(db, mediator, NullLogger<UnitOfWork>.Instance).SaveChangesAsync(CancellationToken.None);

        Assert.Equal([user.Id], handler.Received.Select(e => e.UserId));
    }

    private UnitOfWork CreateUnitOfWork(UsersDbContext db) => new(db, _mediator, NullLogger<UnitOfWork>.Instance);

    private async Task SeedAsync(params User[] users)
    {
        await using var db = _database.CreateContext();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        foreach (var user in users)
        {
            user.DequeueDomainEvents();
        }
    }

    private sealed class RecordingHandler : INotificationHandler<UserRegistered>
    {
        public List<UserRegistered> Received { get; } = [];

        public Task Handle(UserRegistered notification, CancellationToken cancellationToken)
        {
            Received.Add(notification);
            return Task.CompletedTask;
        }
    }
}
