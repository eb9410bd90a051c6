using NSubstitute;
using Users.Application.OAuth.Commands.UnlinkOAuthAccount;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Application.UnitTests.OAuth;

public sealed class UnlinkOAuthAccountCommandHandlerTests
{
    private readonly Ports _ports = new();

    private User StoredWithAccount(out OAuthAccount account)
    {
        var user = new UserBuilder().Build();
        account = user.LinkOAuthAccount(
            new OAuthIdentity("google", "acct-1", Email.Create(user.Email).Value), new ProviderTokens("sealed:a", null, null), UserBuilder.DefaultCreatedAt);
        user.DequeueDomainEvents();
        _ports.Users.GetWithOAuthAccountsAsync(user.Id, Arg.Any<CancellationToken>()).Returns(user);
        return user;
    }

    [Fact]
    public async Task UnlinksTheCallersAccount_AndCommitsTheUnlinkedEvent()
    {
        var user = StoredWithAccount(out var account);
        var events = _ports.EventsAtCommit(user);

        var result = await new UnlinkOAuthAccountCommandHandler(_ports.Users, _ports.UnitOfWork).Handle(new UnlinkOAuthAccountCommand(user.Id, account.Id), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Empty(user.OAuthAccounts);
        Assert.IsType<OAuthAccountUnlinked>(Assert.Single(events));
    }

    [Fact]
    public async Task AnAccountThatIsNotTheCallers_IsNotFound_AndNothingIsCommitted()
    {
        var user = StoredWithAccount(out _);

        var result = await new UnlinkOAuthAccountCommandHandler(_ports.Users, _ports.UnitOfWork).Handle(new UnlinkOAuthAccountCommand(user.Id, Guid.NewGuid()), CancellationToken.None);

        ResultAssert.Failed(result, "Not Found");
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task ACallerDeletedMeanwhile_IsUnauthorized()
    {
        var result = await new UnlinkOAuthAccountCommandHandler(_ports.Users, _ports.UnitOfWork).Handle(new UnlinkOAuthAccountCommand(Guid.NewGuid(), Guid.NewGuid()), CancellationToken.None);

        ResultAssert.Failed(result, "Unauthorized");
    }
}
