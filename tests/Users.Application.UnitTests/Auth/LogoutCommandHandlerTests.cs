using NSubstitute;
using Users.Application.Abstractions.Security;
using Users.Application.Auth.Commands.Logout;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Common;

namespace Users.Application.UnitTests.Auth;

public sealed class LogoutCommandHandlerTests
{
    private readonly Ports _ports = new();
    private readonly IAccessTokenStrategy _database = Substitute.For<IAccessTokenStrategy>();

    public LogoutCommandHandlerTests() => _database.Name.Returns(AccessTokenStrategyNames.Database);

    private Task<Result> Logout(string token, string strategy) =>
        new LogoutCommandHandler([_ports.AccessTokens, _database], _ports.UnitOfWork)
            .Handle(new LogoutCommand(token, strategy), CancellationToken.None);

    [Fact]
    public async Task Logout_RevokesTheTokenWithTheNamedStrategyThenCommitsOnce()
    {
        var result = await Logout("a-database-token", AccessTokenStrategyNames.Database);

        Assert.True(result.IsSuccess);
        Received.InOrder(() =>
        {
            _ = _database.RevokeAsync("a-database-token", Arg.Any<CancellationToken>());
            _ports.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>());
        });
        _ = _ports.AccessTokens.DidNotReceiveWithAnyArgs().RevokeAsync(default!, default);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Logout_WithJwtStrategy_AsksTheJwtStrategyAndSucceeds()
    {
        var result = await Logout("a-jwt", AccessTokenStrategyNames.Jwt);

        Assert.True(result.IsSuccess);
        _ = _ports.AccessTokens.Received(1).RevokeAsync("a-jwt", Arg.Any<CancellationToken>());
        _ = _database.DidNotReceiveWithAnyArgs().RevokeAsync(default!, default);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Logout_WithUnregisteredStrategy_ThrowsWithoutCommit()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Logout("a-token", "nonexistent"));

        _ports.ReceivedNoCommit();
    }
}
