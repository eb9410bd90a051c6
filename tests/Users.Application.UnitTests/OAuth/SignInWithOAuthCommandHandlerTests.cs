using NSubstitute;
using Users.Application.Abstractions.Persistence;
using Users.Application.Auth.Commands.Login;
using Users.Application.OAuth.Commands.SignInWithOAuth;
using Users.Application.Sessions;
using Users.Application.Settings;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Common;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Application.UnitTests.OAuth;

public sealed class SignInWithOAuthCommandHandlerTests
{
    private const string AccountId = "acct-1";

    private readonly Ports _ports = new();
    private readonly OAuthPorts _oauth = new();

    private Task<Result<LoginResult>> SignIn() =>
        new SignInWithOAuthCommandHandler(
                _oauth.Verifier, _ports.Users, _oauth.Protector, _ports.Hasher, _ports.SignIn(new UserManagementOptions()), _oauth.Options, _ports.Time)
            .Handle(new SignInWithOAuthCommand(OAuthPorts.Callback(), new SignInRequest("jwt", "jwt", SessionClient.Unknown, WithRefreshToken: false)), CancellationToken.None);

    private User Linked(UserBuilder builder)
    {
        var user = builder.Build();
        user.LinkOAuthAccount(new OAuthIdentity(OAuthPorts.Provider, AccountId, Email.Create(user.Email).Value), new ProviderTokens("sealed:old", null, null), UserBuilder.DefaultCreatedAt);
        user.DequeueDomainEvents();
        _ports.Users.GetByOAuthAccountAsync(OAuthPorts.Provider, AccountId, Arg.Any<CancellationToken>()).Returns(user);
        return user;
    }

    [Fact]
    public async Task AnUnknownAccountWithAFreeAddress_CreatesAnActiveUser_WithSealedTokens_AndSignsItIn()
    {
        _oauth.Settings.IsVerifiedByDefault = true;
        _oauth.ProviderSays(AccountId, "new@example.com", emailVerified: false);
        User? added = null;
        _ports.Users.Add(Arg.Do<User>(u => added = u));

        var login = ResultAssert.Succeeded(await SignIn());

        Assert.NotNull(added);
        Assert.Equal(("new@example.com", true, true), (added.Email, added.IsActive, added.IsVerified));
        Assert.StartsWith("hash:", added.HashedPassword, StringComparison.Ordinal); // a random password nobody knows, hashed
        var account = Assert.Single(added.OAuthAccounts);
        Assert.Equal(("sealed:" + OAuthPorts.ProviderAccessToken, "sealed:" + OAuthPorts.ProviderRefreshToken), (account.AccessToken, account.RefreshToken));
        Assert.Equal((added.Id, Ports.IssuedToken), (login.User.Id, login.AccessToken));
        _ports.Sessions.Received(1).Add(Arg.Is<Session>(s => s.UserId == added.Id));
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task AKnownAccount_SignsItsUserIn_WithTheProvidersNewTokens()
    {
        var user = Linked(new UserBuilder());
        _oauth.ProviderSays(AccountId, user.Email, emailVerified: true);

        var login = ResultAssert.Succeeded(await SignIn());

        Assert.Equal(user.Id, login.User.Id);
        Assert.Equal("sealed:" + OAuthPorts.ProviderAccessToken, Assert.Single(user.OAuthAccounts).AccessToken);
        Assert.Equal(_ports.Time.GetUtcNow(), user.LastLoginAt);
        _ports.Users.DidNotReceiveWithAnyArgs().Add(default!);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task ATakenAddress_WithoutAssociationByEmail_IsUserAlreadyExists_AndChangesNothing()
    {
        var user = _ports.Store(new UserBuilder());
        _oauth.ProviderSays(AccountId, user.Email, emailVerified: true);

        ResultAssert.Failed(await SignIn(), "OAUTH_USER_ALREADY_EXISTS");

        Assert.Empty(user.OAuthAccounts);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task ATakenAddress_WithAssociationByEmail_ButNotVerifiedByTheProvider_IsEmailNotVerified()
    {
        _oauth.Settings.AssociateByEmail = true;
        var user = _ports.Store(new UserBuilder());
        _oauth.ProviderSays(AccountId, user.Email, emailVerified: false);

        ResultAssert.Failed(await SignIn(), "OAUTH_EMAIL_NOT_VERIFIED");

        Assert.Empty(user.OAuthAccounts);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task ATakenAddress_WithAssociationByEmail_AndVerifiedByTheProvider_LinksAndSignsThatUserIn()
    {
        _oauth.Settings.AssociateByEmail = true;
        var user = _ports.Store(new UserBuilder());
        _oauth.ProviderSays(AccountId, user.Email.ToUpperInvariant(), emailVerified: true);
        var events = _ports.EventsAtCommit(user);

        var login = ResultAssert.Succeeded(await SignIn());

        Assert.Equal(user.Id, login.User.Id);
        Assert.Equal(AccountId, Assert.Single(user.OAuthAccounts).AccountId);
        Assert.Contains(events, e => e is OAuthAccountLinked);
        Assert.Contains(events, e => e is UserLoggedIn);
    }

    [Fact]
    public async Task AnInactiveUser_IsBadCredentials_AndNothingIsCommitted()
    {
        Linked(new UserBuilder().Inactive());
        _oauth.ProviderSays(AccountId, UserBuilder.DefaultEmail, emailVerified: true);

        ResultAssert.Failed(await SignIn(), "LOGIN_BAD_CREDENTIALS");

        _ports.Sessions.DidNotReceiveWithAnyArgs().Add(default!);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task AFailedCheck_IsAnsweredBeforeAnyUserIsLookedUp()
    {
        ResultAssert.Failed(
            await new SignInWithOAuthCommandHandler(
                    _oauth.Verifier, _ports.Users, _oauth.Protector, _ports.Hasher, _ports.SignIn(new UserManagementOptions()), _oauth.Options, _ports.Time)
                .Handle(new SignInWithOAuthCommand(OAuthPorts.Callback(csrf: "forged"), SignInRequest.Default), CancellationToken.None),
            "OAUTH_INVALID_STATE");

        _ = _ports.Users.DidNotReceiveWithAnyArgs().GetByOAuthAccountAsync(default!, default!, default);
        _oauth.Protector.DidNotReceiveWithAnyArgs().Protect(default!);
    }

    [Fact]
    public async Task LosingTheRaceToCreateTheUser_SignsInThroughTheAccountTheWinnerLinked()
    {
        _oauth.ProviderSays(AccountId, "new@example.com", emailVerified: true);
        var winner = new UserBuilder().WithEmail("new@example.com").Build();
        winner.LinkOAuthAccount(new OAuthIdentity(OAuthPorts.Provider, AccountId, Email.Create("new@example.com").Value), new ProviderTokens("sealed:w", null, null), UserBuilder.DefaultCreatedAt);
        _ports.Users.GetByOAuthAccountAsync(OAuthPorts.Provider, AccountId, Arg.Any<CancellationToken>()).Returns(null, winner);
        _ports.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>())
            .Returns(_ => Task.FromException(new EmailAlreadyTakenException("unique index")), _ => Task.CompletedTask);

        var login = ResultAssert.Succeeded(await SignIn());

        Assert.Equal(winner.Id, login.User.Id);
        await _ports.UnitOfWork.Received(2).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task LosingEveryRace_IsAnsweredAsAnError_NeverAnException()
    {
        _oauth.ProviderSays(AccountId, "new@example.com", emailVerified: true);
        _ports.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ => Task.FromException(new OAuthAccountTakenException("unique index")));

        ResultAssert.Failed(await SignIn(), "OAUTH_ACCOUNT_ALREADY_LINKED");
    }
}
