using Users.Application.Auth.Commands.LogoutEverywhere;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Common;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Application.UnitTests.Auth;

public sealed class LogoutEverywhereCommandHandlerTests
{
    private readonly Ports _ports = new();

    // authenticatedStamp: the stamp the caller's token was checked against.
    private Task<Result> LogoutEverywhere(Guid userId, string authenticatedStamp) =>
        new LogoutEverywhereCommandHandler(_ports.Users, _ports.UnitOfWork, _ports.Time)
            .Handle(new LogoutEverywhereCommand(userId, authenticatedStamp), CancellationToken.None);

    [Fact]
    public async Task LogoutEverywhere_ForActiveUser_RotatesTheStampRaisesSecurityStampRotatedAndSignedOutEverywhereAndCommitsOnce()
    {
        var user = new UserBuilder().Build();
        _ports.Store(user);
        var stamp = user.SecurityStamp;
        var events = _ports.EventsAtCommit(user);

        var result = await LogoutEverywhere(user.Id, stamp);

        Assert.True(result.IsSuccess);
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.Equal(_ports.Time.GetUtcNow(), user.UpdatedAt);
        _ports.ReceivedOneCommit();
        Assert.Equal([new SecurityStampRotated(user.Id), new SignedOutEverywhere(user.Id)], events);
    }

    [Fact]
    public async Task LogoutEverywhere_WhenTheStampChangedSinceTheCallerAuthenticated_SucceedsWithoutRotatingAgain()
    {
        // A concurrent or repeated request already ended every token this caller's request is about.
        var user = new UserBuilder().Build();
        _ports.Store(user);
        var stamp = user.SecurityStamp;

        var result = await LogoutEverywhere(user.Id, authenticatedStamp: "an-earlier-stamp");

        Assert.True(result.IsSuccess);
        Assert.Equal(stamp, user.SecurityStamp);
        Assert.Empty(user.DomainEvents);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task LogoutEverywhere_ForUnknownUser_ReturnsUnauthorizedWithoutCommit()
    {
        ResultAssert.Failed(await LogoutEverywhere(Guid.CreateVersion7(), "any-stamp"), "Unauthorized");

        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task LogoutEverywhere_ForInactiveUser_ReturnsUnauthorizedAndKeepsTheStamp()
    {
        var user = new UserBuilder().Inactive().Build();
        _ports.Store(user);
        var stamp = user.SecurityStamp;

        var error = ResultAssert.Failed(await LogoutEverywhere(user.Id, stamp), "Unauthorized");

        Assert.Equal(ErrorKind.Unauthorized, error.Kind);
        Assert.Equal(stamp, user.SecurityStamp);
        Assert.Empty(user.DomainEvents);
        _ports.ReceivedNoCommit();
    }
}
