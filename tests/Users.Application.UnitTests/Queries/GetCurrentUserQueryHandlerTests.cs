using NSubstitute;
using Users.Application.Abstractions.Security;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Application.Users.Queries.GetCurrentUser;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.TestSupport;

namespace Users.Application.UnitTests.Queries;

public sealed class GetCurrentUserQueryHandlerTests
{
    private const string Token = "presented-token";

    private readonly Ports _ports = new();

    private Task<Result<UserAccess>> GetCurrentUser() =>
        new GetCurrentUserQueryHandler([_ports.AccessTokens], _ports.Access, _ports.Time).Handle(new GetCurrentUserQuery(Token), CancellationToken.None);

#pragma warning disable CA2012 // configuring a substitute's call, not consuming its ValueTask
    private void TokenSays(AccessTokenClaims? claims) =>
        _ports.AccessTokens.ReadAsync(Token, Arg.Any<CancellationToken>()).Returns(_ => ValueTask.FromResult(claims));
#pragma warning restore CA2012

    [Fact]
    public async Task GetCurrentUser_WhenTokenRejected_ReturnsUnauthorizedWithoutLookingUpAUser()
    {
        TokenSays(null);

        var error = ResultAssert.Failed(await GetCurrentUser(), "Unauthorized");

        Assert.Equal(ErrorKind.Unauthorized, error.Kind);
        Assert.Empty(_ports.Access.ReceivedCalls());
    }

    [Fact]
    public async Task GetCurrentUser_WhenUserNoLongerExists_ReturnsUnauthorized()
    {
        TokenSays(new AccessTokenClaims(Guid.NewGuid(), "stamp", Ports.LiveSessionId));

        ResultAssert.Failed(await GetCurrentUser(), "Unauthorized");
    }

    [Fact]
    public async Task GetCurrentUser_WhenUserInactive_ReturnsUnauthorized()
    {
        var user = _ports.Store(new UserBuilder().Inactive());
        TokenSays(new AccessTokenClaims(user.Id, user.SecurityStamp, Ports.LiveSessionId));

        ResultAssert.Failed(await GetCurrentUser(), "Unauthorized");
    }

    [Theory]
    [InlineData("")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public async Task GetCurrentUser_WhenSecurityStampDiffers_ReturnsUnauthorized(string presentedStamp)
    {
        var user = _ports.Store(new UserBuilder());
        TokenSays(new AccessTokenClaims(user.Id, presentedStamp, Ports.LiveSessionId));

        ResultAssert.Failed(await GetCurrentUser(), "Unauthorized");
    }

    [Fact]
    public async Task GetCurrentUser_WhenTokenStampIsFromBeforeAPasswordChange_ReturnsUnauthorized()
    {
        var user = _ports.Store(new UserBuilder());
        var stampAtIssue = user.SecurityStamp;
        user.Apply(new UserChanges { PasswordHash = "hash:new" }, _ports.Time.GetUtcNow());
        TokenSays(new AccessTokenClaims(user.Id, stampAtIssue, Ports.LiveSessionId));

        ResultAssert.Failed(await GetCurrentUser(), "Unauthorized");
    }

    [Fact]
    public async Task GetCurrentUser_WithValidTokenOfActiveUser_ReturnsTheUserAndItsStampFromOneAccessLookup()
    {
        var user = _ports.Store(new UserBuilder().Verified().Superuser());
        TokenSays(new AccessTokenClaims(user.Id, user.SecurityStamp, Ports.LiveSessionId));

        var access = ResultAssert.Succeeded(await GetCurrentUser());

        Assert.Equal(new UserRead { Id = user.Id, Email = UserBuilder.DefaultEmail, IsActive = true, IsSuperuser = true, IsVerified = true }, access.User);
        Assert.Equal(user.SecurityStamp, access.SecurityStamp);
        Assert.Equal(Ports.LiveSessionId, access.SessionId);
        await _ports.Access.Received(1).FindAccessAsync(user.Id, Ports.LiveSessionId, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task GetCurrentUser_WhenTheTokensSessionIsNotTheUsers_OrHasEnded_ReturnsUnauthorized()
    {
        var user = _ports.Store(new UserBuilder());
        TokenSays(new AccessTokenClaims(user.Id, user.SecurityStamp, Guid.NewGuid()));

        ResultAssert.Failed(await GetCurrentUser(), "Unauthorized");
        await _ports.Access.DidNotReceiveWithAnyArgs().TouchSessionAsync(default, default, default);
    }

    [Fact]
    public async Task GetCurrentUser_WithinAMinuteOfTheLastRecordedUse_DoesNotWrite()
    {
        var user = _ports.Store(new UserBuilder());
        TokenSays(new AccessTokenClaims(user.Id, user.SecurityStamp, Ports.LiveSessionId));
        _ports.Time.Advance(TimeSpan.FromSeconds(59));

        ResultAssert.Succeeded(await GetCurrentUser());

        await _ports.Access.DidNotReceiveWithAnyArgs().TouchSessionAsync(default, default, default);
    }

    [Fact]
    public async Task GetCurrentUser_AMinuteOrMoreAfterTheLastRecordedUse_RecordsThisUse()
    {
        var user = _ports.Store(new UserBuilder());
        TokenSays(new AccessTokenClaims(user.Id, user.SecurityStamp, Ports.LiveSessionId));
        _ports.Time.Advance(TimeSpan.FromMinutes(1));

        ResultAssert.Succeeded(await GetCurrentUser());

        await _ports.Access.Received(1).TouchSessionAsync(Ports.LiveSessionId, _ports.Time.GetUtcNow(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task GetCurrentUser_WithALegacyToken_OfAnAdoptedUser_ReturnsTheUser_WithoutASessionOrAWrite()
    {
        var user = User.Adopt(Guid.NewGuid(), Email.Create("ann@example.com").Value, "$2b$12$hash", true, false, false, Ports.Start);
        _ports.Store(user);
        TokenSays(AccessTokenClaims.Legacy(user.Id));

        var access = ResultAssert.Succeeded(await GetCurrentUser());

        Assert.Equal(user.Id, access.User.Id);
        await _ports.Access.DidNotReceiveWithAnyArgs().TouchSessionAsync(default, default, default);
    }

    [Fact]
    public async Task GetCurrentUser_WithALegacyToken_OfAUserWhoWasNotAdopted_OrIsInactive_ReturnsUnauthorized()
    {
        var registered = _ports.Store(new UserBuilder());
        var inactive = User.Adopt(Guid.NewGuid(), Email.Create("gone@example.com").Value, "$2b$12$hash", false, false, false, Ports.Start);
        _ports.Store(inactive);

        TokenSays(AccessTokenClaims.Legacy(registered.Id));
        ResultAssert.Failed(await GetCurrentUser(), "Unauthorized");
        TokenSays(AccessTokenClaims.Legacy(inactive.Id));
        ResultAssert.Failed(await GetCurrentUser(), "Unauthorized");
    }
}
