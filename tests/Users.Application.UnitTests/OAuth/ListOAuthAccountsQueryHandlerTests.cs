using NSubstitute;
using Users.Application.OAuth.Queries.ListOAuthAccounts;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Users;
using Users.TestSupport;

namespace Users.Application.UnitTests.OAuth;

public sealed class ListOAuthAccountsQueryHandlerTests
{
    [Fact]
    public async Task MapsEachAccountToItsReadModel_WithoutTokens()
    {
        var ports = new Ports();
        var user = new UserBuilder().Build();
        var account = user.LinkOAuthAccount(
            new OAuthIdentity("google", "acct-1", Email.Create("Alice@example.com").Value), new ProviderTokens("sealed:a", null, "sealed:r"), UserBuilder.DefaultCreatedAt);
        ports.Users.ListOAuthAccountsAsync(user.Id, Arg.Any<CancellationToken>()).Returns([account]);

        var accounts = ResultAssert.Succeeded(
            await new ListOAuthAccountsQueryHandler(ports.Users, Ports.Mapper).Handle(new ListOAuthAccountsQuery(user.Id), CancellationToken.None));

        var read = Assert.Single(accounts);
        Assert.Equal((account.Id, "google", "acct-1", "Alice@example.com"), (read.Id, read.OAuthName, read.AccountId, read.AccountEmail));
        Assert.Equal(4, typeof(OAuthAccountRead).GetProperties().Length); // no token member to leak
    }
}
