using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Domain.UnitTests.Users;

public class UserOAuthAccountTests
{
    private static readonly DateTimeOffset Now = UserBuilder.DefaultCreatedAt.AddDays(1);
    private static readonly ProviderTokens Tokens = new("sealed-access", Now.AddHours(1), "sealed-refresh");

    private static OAuthIdentity Identity(string accountId = "acct-1", string email = "Alice@Example.com", string provider = "google") =>
        new(provider, accountId, Email.Create(email).Value);

    [Fact]
    public void RegisterFromProvider_CreatesAnActiveUserWithTheProvidersAddressAndTheLinkedAccount()
    {
        var user = User.RegisterFromProvider(Identity(), Tokens, "hash:unknown", isVerified: true, Now);

        Assert.True(user.IsActive);
        Assert.True(user.IsVerified);
        Assert.False(user.IsSuperuser);
        Assert.Equal("Alice@example.com", user.Email);
        Assert.Equal("hash:unknown", user.HashedPassword);
        var account = Assert.Single(user.OAuthAccounts);
        Assert.Equal((user.Id, "google", "acct-1", "Alice@example.com"), (account.UserId, account.OAuthName, account.AccountId, account.AccountEmail));
        Assert.Equal((Tokens.AccessToken, Tokens.ExpiresAt, Tokens.RefreshToken), (account.AccessToken, account.ExpiresAt, account.RefreshToken));
        Assert.Equal(Now, account.CreatedAt);
    }

    [Fact]
    public void RegisterFromProvider_RaisesRegisteredThenLinked()
    {
        var user = User.RegisterFromProvider(Identity(), Tokens, "hash:unknown", isVerified: false, Now);

        Assert.False(user.IsVerified);
        Assert.Collection(
            user.DomainEvents,
            e => Assert.Equal(user.Id, Assert.IsType<UserRegistered>(e).UserId),
            e =>
            {
                var linked = Assert.IsType<OAuthAccountLinked>(e);
                Assert.Equal((user.Id, user.OAuthAccounts.Single().Id, "google"), (linked.UserId, linked.OAuthAccountId, linked.OAuthName));
            });
    }

    [Fact]
    public void LinkOAuthAccount_ANewAccount_AddsItAndRaisesLinked()
    {
        var user = new UserBuilder().Build();

        var account = user.LinkOAuthAccount(Identity(), Tokens, Now);

        Assert.Same(account, Assert.Single(user.OAuthAccounts));
        Assert.IsType<OAuthAccountLinked>(Assert.Single(user.DomainEvents));
    }

    [Fact]
    public void LinkOAuthAccount_TheSameAccountAgain_KeepsOneAccountWithTheLatestTokensAndAddress_AndRaisesNothing()
    {
        var user = new UserBuilder().Build();
        var first = user.LinkOAuthAccount(Identity(), Tokens, Now);
        user.DequeueDomainEvents();
        var later = Now.AddHours(2);
        var newer = new ProviderTokens("sealed-access-2", later.AddHours(1), RefreshToken: null);

        var again = user.LinkOAuthAccount(Identity(email: "alice.new@example.com"), newer, later);

        Assert.Same(first, again);
        Assert.Single(user.OAuthAccounts);
        Assert.Equal(("sealed-access-2", (string?)null, "alice.new@example.com"), (again.AccessToken, again.RefreshToken, again.AccountEmail));
        Assert.Equal((Now, later), (again.CreatedAt, again.UpdatedAt));
        Assert.Empty(user.DomainEvents);
    }

    [Fact]
    public void LinkOAuthAccount_AnotherAccountOfTheSameProvider_IsASecondAccount()
    {
        var user = new UserBuilder().Build();

        user.LinkOAuthAccount(Identity("acct-1"), Tokens, Now);
        user.LinkOAuthAccount(Identity("acct-2"), Tokens, Now);

        Assert.Equal(["acct-1", "acct-2"], user.OAuthAccounts.Select(a => a.AccountId));
    }

    [Fact]
    public void LinkOAuthAccount_WithoutAnAccessToken_Throws()
    {
        var user = new UserBuilder().Build();

        Assert.Throws<ArgumentException>(() => user.LinkOAuthAccount(Identity(), Tokens with { AccessToken = " " }, Now));
    }

    [Fact]
    public void UnlinkOAuthAccount_RemovesItAndRaisesUnlinked()
    {
        var user = new UserBuilder().Build();
        var account = user.LinkOAuthAccount(Identity(), Tokens, Now);
        user.DequeueDomainEvents();

        var result = user.UnlinkOAuthAccount(account.Id);

        Assert.True(result.IsSuccess);
        Assert.Empty(user.OAuthAccounts);
        var unlinked = Assert.IsType<OAuthAccountUnlinked>(Assert.Single(user.DomainEvents));
        Assert.Equal((user.Id, account.Id, "google"), (unlinked.UserId, unlinked.OAuthAccountId, unlinked.OAuthName));
    }

    [Fact]
    public void UnlinkOAuthAccount_NotOneOfTheUsers_IsNotFound_AndChangesNothing()
    {
        var user = new UserBuilder().Build();
        user.LinkOAuthAccount(Identity(), Tokens, Now);
        user.DequeueDomainEvents();

        var result = user.UnlinkOAuthAccount(Guid.NewGuid());

        Assert.Equal(OAuthErrors.AccountNotFound, result.Error);
        Assert.Single(user.OAuthAccounts);
        Assert.Empty(user.DomainEvents);
    }

    [Theory]
    [InlineData("access_denied", "access_denied")]
    [InlineData("invalid_grant", "invalid_grant")]
    [InlineData("<script>alert(1)</script>", "OAUTH_PROVIDER_ERROR")]
    [InlineData("", "OAUTH_PROVIDER_ERROR")]
    [InlineData(null, "OAUTH_PROVIDER_ERROR")]
    public void ProviderError_EchoesOnlyAPlainCode(string? code, string expected) =>
        Assert.Equal(expected, OAuthErrors.Provider(code).Code);
}
