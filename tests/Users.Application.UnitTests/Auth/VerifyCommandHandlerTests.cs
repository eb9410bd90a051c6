using NSubstitute;
using Users.Application.Abstractions.Security;
using Users.Application.Auth.Commands.Verify;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Application.UnitTests.Auth;

public sealed class VerifyCommandHandlerTests
{
    private const string Token = "a-verify-token";

    private readonly Ports _ports = new();

    private Task<Result<UserRead>> Verify(string token = Token) =>
        new VerifyCommandHandler(_ports.Users, _ports.UnitOfWork, _ports.ActionTokens, Ports.Mapper, _ports.Time)
            .Handle(new VerifyCommand { Token = token }, CancellationToken.None);

    private User StoredUserWithToken(UserBuilder builder, string? tokenEmail = null)
    {
        var user = builder.Build();
        _ports.Store(user);
        _ports.AcceptVerifyToken(Token, new VerifyTokenClaims(user.Id, tokenEmail ?? user.Email));
        return user;
    }

    [Fact]
    public async Task Verify_WithValidToken_VerifiesCommitsOnceAndReturnsTheVerifiedUser()
    {
        var user = StoredUserWithToken(new UserBuilder());
        var events = _ports.EventsAtCommit(user);

        var read = ResultAssert.Succeeded(await Verify());

        Assert.Equal(new UserRead { Id = user.Id, Email = UserBuilder.DefaultEmail, IsActive = true, IsSuperuser = false, IsVerified = true }, read);
        Assert.True(user.IsVerified);
        Assert.Equal(_ports.Time.GetUtcNow(), user.UpdatedAt);
        _ports.ReceivedOneCommit();
        Assert.Equal(new UserVerified(user.Id, UserBuilder.DefaultEmail), Assert.Single(events));
    }

    [Fact]
    public async Task Verify_WithInactiveUser_VerifiesAndLeavesItInactive()
    {
        var user = StoredUserWithToken(new UserBuilder().Inactive());

        var read = ResultAssert.Succeeded(await Verify());

        Assert.True(read.IsVerified);
        Assert.False(read.IsActive);
        Assert.False(user.IsActive);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Verify_WithTokenEmailInOtherCase_Verifies()
    {
        // A re-cased address is the same address: PATCH /users/me may re-case it without losing verification.
        StoredUserWithToken(new UserBuilder().WithEmail("Alice@example.com"), tokenEmail: "ALICE@Example.COM");

        Assert.True(ResultAssert.Succeeded(await Verify()).IsVerified);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Verify_WithUnreadableToken_ReturnsBadTokenWithoutLookupOrCommit()
    {
        ResultAssert.Failed(await Verify("garbage"), "VERIFY_USER_BAD_TOKEN");

        await _ports.ActionTokens.Received(1).ReadVerifyTokenAsync("garbage", Arg.Any<CancellationToken>());
        Assert.Empty(_ports.Users.ReceivedCalls());
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Verify_WithTokenOfUnknownUser_ReturnsBadTokenWithoutCommit()
    {
        _ports.AcceptVerifyToken(Token, new VerifyTokenClaims(Guid.CreateVersion7(), UserBuilder.DefaultEmail));

        ResultAssert.Failed(await Verify(), "VERIFY_USER_BAD_TOKEN");

        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Verify_WhenTheUsersAddressChangedSinceIssue_ReturnsBadTokenAndLeavesUserUnverified()
    {
        var user = StoredUserWithToken(new UserBuilder(), tokenEmail: "old.address@example.com");

        ResultAssert.Failed(await Verify(), "VERIFY_USER_BAD_TOKEN");

        Assert.False(user.IsVerified);
        Assert.Empty(user.DomainEvents);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Verify_WithVerifiedUserAndChangedAddress_ReturnsBadTokenBeforeAlreadyVerified()
    {
        StoredUserWithToken(new UserBuilder().Verified(), tokenEmail: "old.address@example.com");

        ResultAssert.Failed(await Verify(), "VERIFY_USER_BAD_TOKEN");

        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Verify_WithAlreadyVerifiedUser_ReturnsAlreadyVerifiedWithoutEventOrCommit()
    {
        var user = StoredUserWithToken(new UserBuilder().Verified());

        ResultAssert.Failed(await Verify(), "VERIFY_USER_ALREADY_VERIFIED");

        Assert.Empty(user.DomainEvents);
        Assert.Equal(UserBuilder.DefaultCreatedAt, user.UpdatedAt);
        _ports.ReceivedNoCommit();
    }
}
