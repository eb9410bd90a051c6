using NSubstitute;
using Users.Application.Common.Events;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users.Commands.DeleteUser;
using Users.Domain.Common;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Application.UnitTests.Commands;

public sealed class DeleteUserCommandHandlerTests
{
    private readonly Ports _ports = new();
    private readonly IDomainEventPublisher _events = Substitute.For<IDomainEventPublisher>();

    private Task<Result> Delete(Guid id) =>
        new DeleteUserCommandHandler(_ports.Users, _ports.UnitOfWork, _events).Handle(new DeleteUserCommand(id), CancellationToken.None);

    [Fact]
    public async Task Delete_WithUnknownId_ReturnsNotFoundWithoutPublishRemoveOrCommit()
    {
        ResultAssert.Failed(await Delete(Guid.NewGuid()), "Not Found");

        Assert.Empty(_events.ReceivedCalls());
        _ports.Users.DidNotReceiveWithAnyArgs().Remove(default!);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Delete_WithKnownId_PublishesUserDeletingThenRemovesThenCommitsOnce()
    {
        var user = new UserBuilder().Build();
        _ports.Store(user);

        var result = await Delete(user.Id);

        Assert.True(result.IsSuccess);
        Received.InOrder(() =>
        {
            _events.PublishAsync(new UserDeleting(user.Id, UserBuilder.DefaultEmail), Arg.Any<CancellationToken>());
            _ports.Users.Remove(user);
            _ports.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>());
        });
        await _events.Received(1).PublishAsync(Arg.Any<IDomainEvent>(), Arg.Any<CancellationToken>());
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Delete_WithKnownId_LeavesUserDeletedAloneToTheCommit()
    {
        var user = new UserBuilder().Build();
        _ports.Store(user);
        var events = _ports.EventsAtCommit(user);

        await Delete(user.Id);

        // UserDeleting went out through the publisher already; only UserDeleted waits for the commit.
        Assert.Equal(new UserDeleted(user.Id, UserBuilder.DefaultEmail), Assert.Single(events));
    }

    [Fact]
    public async Task Delete_WhenAUserDeletingHandlerThrows_NeitherRemovesNorCommits()
    {
        var user = new UserBuilder().Build();
        _ports.Store(user);
        _events.PublishAsync(Arg.Any<UserDeleting>(), Arg.Any<CancellationToken>())
            .Returns(_ => Task.FromException(new InvalidOperationException("hook failed")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Delete(user.Id));

        _ports.Users.DidNotReceiveWithAnyArgs().Remove(default!);
        _ports.ReceivedNoCommit();
    }
}
