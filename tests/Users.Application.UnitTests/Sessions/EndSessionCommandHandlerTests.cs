using NSubstitute;
using Users.Application.Sessions.Commands.EndSession;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Common;
using Users.Domain.Sessions;
using Users.Domain.Sessions.Events;
using Users.TestSupport;

namespace Users.Application.UnitTests.Sessions;

public sealed class EndSessionCommandHandlerTests
{
    private readonly Ports _ports = new();

    private Task<Result> End(Guid userId, Guid sessionId, SessionEndReason reason = SessionEndReason.Revoked) =>
        new EndSessionCommandHandler(_ports.Sessions, _ports.UnitOfWork, _ports.Time)
            .Handle(new EndSessionCommand(userId, sessionId, reason), CancellationToken.None);

    private Session Stored()
    {
        var session = Session.Start(new UserBuilder().Build(), "jwt", SessionClient.Unknown, _ports.Time.GetUtcNow());
        session.ExtendTo(_ports.Time.GetUtcNow().AddHours(1));
        session.DequeueDomainEvents(); // started in an earlier, committed request
        _ports.Sessions.GetByIdAsync(session.Id, Arg.Any<CancellationToken>()).Returns(session);
        return session;
    }

    [Fact]
    public async Task End_OwnLiveSession_RemovesItWithItsEventAndCommitsOnce()
    {
        var session = Stored();

        Assert.True((await End(session.UserId, session.Id)).IsSuccess);

        Assert.Equal(new SessionEnded(session.Id, session.UserId, SessionEndReason.Revoked), Assert.Single(session.DomainEvents));
        Received.InOrder(() =>
        {
            _ports.Sessions.Remove(session);
            _ports.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task End_AnotherUsersSession_IsNotFound_AndLeavesItAlone()
    {
        var session = Stored();

        ResultAssert.Failed(await End(Guid.NewGuid(), session.Id), "Not Found");

        _ports.Sessions.DidNotReceiveWithAnyArgs().Remove(default!);
        _ports.ReceivedNoCommit();
        Assert.Empty(session.DomainEvents);
    }

    [Fact]
    public async Task End_UnknownSession_IsNotFound()
    {
        ResultAssert.Failed(await End(Guid.NewGuid(), Guid.NewGuid()), "Not Found");

        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task End_ExpiredSession_IsNotFound()
    {
        var session = Stored();
        _ports.Time.Advance(TimeSpan.FromHours(1));

        ResultAssert.Failed(await End(session.UserId, session.Id), "Not Found");

        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Logout_OfASessionAlreadyEnded_Succeeds_WithNothingToCommit()
    {
        Assert.True((await End(Guid.NewGuid(), Guid.NewGuid(), SessionEndReason.Logout)).IsSuccess);

        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Logout_RecordsLogoutAsTheReason()
    {
        var session = Stored();

        Assert.True((await End(session.UserId, session.Id, SessionEndReason.Logout)).IsSuccess);

        Assert.Equal(SessionEndReason.Logout, Assert.IsType<SessionEnded>(Assert.Single(session.DomainEvents)).Reason);
        _ports.ReceivedOneCommit();
    }
}
