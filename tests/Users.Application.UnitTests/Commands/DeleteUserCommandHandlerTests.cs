using NSubstitute;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users.Commands.DeleteUser;
using Users.Domain.Common;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.Commands;

public sealed class DeleteUserCommandHandlerTests
{
    private readonly Ports _ports = new();

    private Task<Result> Delete(Guid id) =>
        new DeleteUserCommandHandler(_ports.Users, _ports.UnitOfWork).Handle(new DeleteUserCommand(id), CancellationToken.None);

    [Fact]
    public async Task Delete_WithUnknownId_ReturnsNotFoundWithoutRemoveOrCommit()
    {
        ResultAssert.Failed(await Delete(Guid.NewGuid()), "Not Found");

        _ports.Users.DidNotReceiveWithAnyArgs().Remove(default!);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Delete_WithKnownId_RemovesCommitsOnceAndRaisesUserDeletedBeforeCommit()
    {
        var user = new UserBuilder().Build();
        _ports.Store(user);
        IReadOnlyList<IDomainEvent>? pendingAtCommit = null;
        _ports.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>())
            .Returns(_ =>
            {
                pendingAtCommit = user.DomainEvents.ToList();
                return Task.CompletedTask;
            });

        var result = await Delete(user.Id);

        Assert.True(result.IsSuccess);
        Received.InOrder(() =>
        {
            _ports.Users.Remove(user);
            _ports.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>());
        });
        _ports.ReceivedOneCommit();
        Assert.Equal(new UserDeleted(user.Id, UserBuilder.DefaultEmail), Assert.Single(pendingAtCommit!));
    }
}
