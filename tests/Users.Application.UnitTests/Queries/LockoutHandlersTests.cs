using NSubstitute;
using Users.Application.Abstractions.Security;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users.Commands.ClearLockout;
using Users.Application.Users.Queries.GetLockout;
using Users.TestSupport;

namespace Users.Application.UnitTests.Queries;

/// <summary><c>GET</c> and <c>DELETE /users/{id}/lockout</c>: the user's address's count, by user id.</summary>
public sealed class LockoutHandlersTests
{
    private readonly Ports _ports = new();

    [Fact]
    public async Task GetLockout_ReadsTheCountOfTheUsersAddress_InUtc()
    {
        var user = _ports.Store(new UserBuilder().WithEmail("Locked.Out@Example.com"));
        var until = new DateTimeOffset(2026, 12, 1, 13, 0, 0, TimeSpan.FromHours(2));
        _ports.Throttle.GetAsync("locked.out@example.com", Arg.Any<CancellationToken>()).Returns(new LoginThrottleState(12, until));

        var read = ResultAssert.Succeeded(await new GetLockoutQueryHandler(_ports.Users, _ports.Throttle).Handle(new GetLockoutQuery(user.Id), CancellationToken.None));

        Assert.Equal(12, read.Failures);
        Assert.Equal(new DateTime(2026, 12, 1, 11, 0, 0, DateTimeKind.Utc), read.LockedUntil);
        Assert.Equal(DateTimeKind.Utc, read.LockedUntil!.Value.Kind);
    }

    [Fact]
    public async Task GetLockout_WhenNotLocked_HasNoInstant()
    {
        var user = _ports.Store(new UserBuilder());
        _ports.Throttle.GetAsync(user.NormalizedEmail, Arg.Any<CancellationToken>()).Returns(LoginThrottleState.Clear);

        var read = ResultAssert.Succeeded(await new GetLockoutQueryHandler(_ports.Users, _ports.Throttle).Handle(new GetLockoutQuery(user.Id), CancellationToken.None));

        Assert.Equal(new LockoutRead(0, null), read);
    }

    [Fact]
    public async Task ClearLockout_ClearsTheUsersAddress()
    {
        var user = _ports.Store(new UserBuilder());

        var result = await new ClearLockoutCommandHandler(_ports.Users, _ports.Throttle).Handle(new ClearLockoutCommand(user.Id), CancellationToken.None);

        Assert.True(result.IsSuccess);
        await _ports.Throttle.Received(1).ClearAsync(user.NormalizedEmail, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task BothForAnUnknownUser_AreNotFound_AndTouchNothing()
    {
        var unknown = Guid.NewGuid();

        ResultAssert.Failed(await new GetLockoutQueryHandler(_ports.Users, _ports.Throttle).Handle(new GetLockoutQuery(unknown), CancellationToken.None), "Not Found");
        ResultAssert.Failed(await new ClearLockoutCommandHandler(_ports.Users, _ports.Throttle).Handle(new ClearLockoutCommand(unknown), CancellationToken.None), "Not Found");

        Assert.Empty(_ports.Throttle.ReceivedCalls());
    }
}
