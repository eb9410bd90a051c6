using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Users.Application.Abstractions.Mail;
using Users.Application.Abstractions.Persistence;
using Users.Application.Common.Events;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Infrastructure.Mail;
using Users.Infrastructure.Persistence;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Persistence;

/// <summary>Mail added by a transactional hook is stored in the change's transaction: with it, or not at all.</summary>
public sealed class UnitOfWorkOutboxTests : SqliteDatabaseTests
{
    private readonly IDomainEventPublisher _events = Substitute.For<IDomainEventPublisher>();
    private readonly OutboxSignal _signal = new();

    public override async Task DisposeAsync()
    {
        _signal.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task MailOfATransactionalHook_IsCommittedWithTheChange_AndWakesDelivery()
    {
        await using var db = Database.CreateContext();
        MailOnEveryEvent(db);
        new UserRepository(db).Add(User.Register(new UserBuilder().WithEmail("new@example.com").Details(), UserBuilder.DefaultCreatedAt));

        await CreateUnitOfWork(db).SaveChangesAsync(CancellationToken.None);

        await using var check = Database.CreateContext();
        Assert.True(await check.Users.AnyAsync());
        Assert.Equal("new@example.com", Assert.Single(await check.OutboxEmails.ToListAsync()).Recipient);
        Assert.True(await _signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task MailOfATransactionalHook_IsNotStored_WhenTheCommitFails()
    {
        await SaveAsync(new UserBuilder().WithEmail("taken@example.com").Build());
        await using var db = Database.CreateContext();
        MailOnEveryEvent(db);
        new UserRepository(db).Add(User.Register(new UserBuilder().WithEmail("TAKEN@example.com").Details(), UserBuilder.DefaultCreatedAt));

        await Assert.ThrowsAsync<EmailAlreadyTakenException>(() => CreateUnitOfWork(db).SaveChangesAsync(CancellationToken.None));

        await using var check = Database.CreateContext();
        Assert.Empty(await check.OutboxEmails.ToListAsync());
        Assert.False(await _signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task ThrowingTransactionalHook_StoresNothing_AndPublishesNothingAfterwards()
    {
        await using var db = Database.CreateContext();
        _events.PublishBeforeCommitAsync(Arg.Any<IDomainEvent>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException(new InvalidOperationException("hook failed")));
        new UserRepository(db).Add(User.Register(new UserBuilder().WithEmail("new@example.com").Details(), UserBuilder.DefaultCreatedAt));

        await Assert.ThrowsAsync<InvalidOperationException>(() => CreateUnitOfWork(db).SaveChangesAsync(CancellationToken.None));

        await using var check = Database.CreateContext();
        Assert.False(await check.Users.AnyAsync());
        await _events.DidNotReceive().PublishAsync(Arg.Any<IDomainEvent>(), Arg.Any<CancellationToken>());
    }

    private void MailOnEveryEvent(UsersDbContext db)
    {
        var outbox = new EmailOutbox(db, new EphemeralDataProtectionProvider(), _signal, TimeProvider.System, NullLogger<EmailOutbox>.Instance);
        _events.PublishBeforeCommitAsync(Arg.Any<IDomainEvent>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            outbox.Add(new EmailMessage("new@example.com", "Hello", "Body"));
            return Task.CompletedTask;
        });
    }

    private UnitOfWork CreateUnitOfWork(UsersDbContext db) => new(db, _events, new NoAuditContext(), TimeProvider.System, NullLogger<UnitOfWork>.Instance);
}
