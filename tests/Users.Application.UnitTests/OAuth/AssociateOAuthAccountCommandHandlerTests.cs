using NSubstitute;
using Users.Application.OAuth.Commands.AssociateOAuthAccount;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Application.UnitTests.OAuth;

public sealed class AssociateOAuthAccountCommandHandlerTests
{
    private const string AccountId = "acct-1";

    private readonly Ports _ports = new();
    private readonly OAuthPorts _oauth = new();

    private Task<Result<UserRead>> Associate(Guid userId) =>
        new AssociateOAuthAccountCommandHandler(_oauth.Verifier, _ports.Users, _oauth.Protector, _ports.UnitOfWork, Ports.Mapper, _ports.Time)
            .Handle(new AssociateOAuthAccountCommand(userId, OAuthPorts.Callback()), CancellationToken.None);

    private User Caller()
    {
        var user = new UserBuilder().Build();
        _ports.Users.GetWithOAuthAccountsAsync(user.Id, Arg.Any<CancellationToken>()).Returns(user);
        _oauth.StateFor(user.Id);
        return user;
    }

    [Fact]
    public async Task LinksTheAccountToTheCaller_WithSealedTokens_AndAnswersTheUser()
    {
        var user = Caller();
        _oauth.ProviderSays(AccountId, "someone.else@example.com", emailVerified: false);
        var events = _ports.EventsAtCommit(user);

        var read = ResultAssert.Succeeded(await Associate(user.Id));

        Assert.Equal(user.Id, read.Id);
        var account = Assert.Single(user.OAuthAccounts);
        Assert.Equal((AccountId, "someone.else@example.com", "sealed:" + OAuthPorts.ProviderAccessToken), (account.AccountId, account.AccountEmail, account.AccessToken));
        Assert.IsType<OAuthAccountLinked>(Assert.Single(events));
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task AnAccountLinkedToAnotherUser_IsAlreadyLinked_AndNothingIsCommitted()
    {
        var user = Caller();
        var other = new UserBuilder().WithEmail("other@example.com").Build();
        _ports.Users.GetByOAuthAccountAsync(OAuthPorts.Provider, AccountId, Arg.Any<CancellationToken>()).Returns(other);
        _oauth.ProviderSays(AccountId, "other@example.com", emailVerified: true);

        ResultAssert.Failed(await Associate(user.Id), "OAUTH_ACCOUNT_ALREADY_LINKED");

        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task AnAccountAlreadyLinkedToTheCaller_OnlyGetsItsNewTokens()
    {
        var user = Caller();
        user.LinkOAuthAccount(new OAuthIdentity(OAuthPorts.Provider, AccountId, Email.Create(user.Email).Value), new ProviderTokens("sealed:old", null, null), UserBuilder.DefaultCreatedAt);
        user.DequeueDomainEvents();
        _ports.Users.GetByOAuthAccountAsync(OAuthPorts.Provider, AccountId, Arg.Any<CancellationToken>()).Returns(user);
        _oauth.ProviderSays(AccountId, user.Email, emailVerified: true);

        ResultAssert.Succeeded(await Associate(user.Id));

        Assert.Equal("sealed:" + OAuthPorts.ProviderAccessToken, Assert.Single(user.OAuthAccounts).AccessToken);
        Assert.Empty(user.DomainEvents); // nothing newly linked
    }

    [Fact]
    public async Task AStateOfAnotherUser_IsABareBadRequest_AndTheCodeIsNotSpent()
    {
        var user = Caller();
        _oauth.StateFor(Guid.NewGuid());

        ResultAssert.Failed(await Associate(user.Id), "Bad Request");

        _oauth.ReceivedNoExchange();
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task ACallerDeletedMeanwhile_IsUnauthorized()
    {
        var id = Guid.NewGuid();
        _oauth.StateFor(id);
        _oauth.ProviderSays(AccountId, "x@example.com", emailVerified: true);

        ResultAssert.Failed(await Associate(id), "Unauthorized");
        _ports.ReceivedNoCommit();
    }
}
