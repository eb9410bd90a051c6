using NSubstitute;
using Users.Application.Abstractions.Security;
using Users.Application.Auth.Commands.ResetPassword;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Application.UnitTests.Auth;

public sealed class ResetPasswordCommandHandlerTests
{
    private const string Token = "a-reset-token";
    private const string Fingerprint = "fingerprint-of-old-hash";
    private const string NewPassword = "new correct horse battery";

    private readonly Ports _ports = new();

    private Task<Result> Reset(string token = Token, string password = NewPassword) =>
        new ResetPasswordCommandHandler(_ports.Users, _ports.UnitOfWork, _ports.ActionTokens, _ports.Hasher, _ports.Policy, _ports.Throttle, _ports.Time)
            .Handle(new ResetPasswordCommand { Token = token, Password = password }, CancellationToken.None);

    private User StoredUserWithToken(UserBuilder builder, bool fingerprintMatches = true)
    {
        var user = builder.Build();
        _ports.Store(user);
        _ports.AcceptResetToken(Token, new ResetPasswordTokenClaims(user.Id, Fingerprint));
        _ports.ActionTokens.MatchesCurrentPassword(user, Fingerprint).Returns(fingerprintMatches);
        return user;
    }

    [Fact]
    public async Task Reset_WithValidTokenAndAcceptedPassword_StoresNewHashRotatesStampAndCommitsOnce()
    {
        var user = StoredUserWithToken(new UserBuilder());
        var stamp = user.SecurityStamp;
        var events = _ports.EventsAtCommit(user);

        var result = await Reset();

        Assert.True(result.IsSuccess);
        Assert.Equal(Ports.HashOf(NewPassword), user.HashedPassword);
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.Equal(_ports.Time.GetUtcNow(), user.UpdatedAt);
        _ports.ReceivedOneCommit();
        Assert.Equal(new PasswordReset(user.Id), Assert.Single(events.OfType<PasswordReset>()));
        Assert.Equal(new SecurityStampRotated(user.Id), Assert.Single(events.OfType<SecurityStampRotated>()));
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public async Task Reset_ClearsTheAddressesLockout_AfterTheCommit_AndAFailedResetDoesNot()
    {
        var user = StoredUserWithToken(new UserBuilder());
        _ports.RejectAnyPassword("too weak");
        await Reset();
        await _ports.Throttle.DidNotReceiveWithAnyArgs().ClearAsync(default!, default);

        _ports.AcceptAnyPassword();
        await Reset();

        Received.InOrder(() =>
        {
            _ports.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>());
            _ports.Throttle.ClearAsync(user.NormalizedEmail, Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task Reset_GivesThePolicyTheNewPasswordAndTheUsersAddress()
    {
        StoredUserWithToken(new UserBuilder().WithEmail("Alice@Example.com"));

        await Reset();

        await _ports.Policy.Received(1).CheckAsync(NewPassword, "Alice@example.com", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Reset_WithUnreadableToken_ReturnsBadTokenWithoutLookupOrCommit()
    {
        ResultAssert.Failed(await Reset(token: "garbage"), "RESET_PASSWORD_BAD_TOKEN");

        Assert.Empty(_ports.Users.ReceivedCalls());
        _ = _ports.Hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, default);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Reset_WithTokenOfUnknownUser_ReturnsBadTokenWithoutCheckingTheFingerprint()
    {
        _ports.AcceptResetToken(Token, new ResetPasswordTokenClaims(Guid.CreateVersion7(), Fingerprint));

        ResultAssert.Failed(await Reset(), "RESET_PASSWORD_BAD_TOKEN");

        _ports.ActionTokens.DidNotReceiveWithAnyArgs().MatchesCurrentPassword(default!, default!);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Reset_ForInactiveUser_ReturnsBadTokenBeforeFingerprintAndPolicy()
    {
        var user = StoredUserWithToken(new UserBuilder().Inactive());
        _ports.RejectAnyPassword("too short");

        ResultAssert.Failed(await Reset(), "RESET_PASSWORD_BAD_TOKEN");

        _ports.ActionTokens.DidNotReceiveWithAnyArgs().MatchesCurrentPassword(default!, default!);
        await _ports.Policy.DidNotReceiveWithAnyArgs().CheckAsync(default!, default, default);
        Assert.Equal(UserBuilder.DefaultPasswordHash, user.HashedPassword);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Reset_WhenPasswordChangedSinceIssue_ReturnsBadTokenBeforeThePolicy()
    {
        var user = StoredUserWithToken(new UserBuilder(), fingerprintMatches: false);
        _ports.RejectAnyPassword("too short");

        ResultAssert.Failed(await Reset(), "RESET_PASSWORD_BAD_TOKEN");

        _ports.ActionTokens.Received(1).MatchesCurrentPassword(user, Fingerprint);
        await _ports.Policy.DidNotReceiveWithAnyArgs().CheckAsync(default!, default, default);
        _ = _ports.Hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, default);
        Assert.Equal(UserBuilder.DefaultPasswordHash, user.HashedPassword);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Reset_WhenPolicyRejectsPassword_ReturnsInvalidPasswordWithReasonAndLeavesUserUnchanged()
    {
        var user = StoredUserWithToken(new UserBuilder());
        var stamp = user.SecurityStamp;
        _ports.RejectAnyPassword("Password should be at least 8 characters.");

        var error = ResultAssert.Failed(await Reset(password: "short"), "RESET_PASSWORD_INVALID_PASSWORD");

        Assert.Equal("Password should be at least 8 characters.", error.Reason);
        Assert.Equal(ErrorKind.Failure, error.Kind);
        Assert.Equal(UserBuilder.DefaultPasswordHash, user.HashedPassword);
        Assert.Equal(stamp, user.SecurityStamp);
        Assert.Equal(UserBuilder.DefaultCreatedAt, user.UpdatedAt);
        Assert.Empty(user.DomainEvents);
        _ = _ports.Hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, default);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Reset_AfterAPolicyRejection_TheSameTokenStillWorks()
    {
        var user = StoredUserWithToken(new UserBuilder());
        _ports.RejectAnyPassword("too short");
        ResultAssert.Failed(await Reset(password: "short"), "RESET_PASSWORD_INVALID_PASSWORD");
        _ports.AcceptAnyPassword();

        Assert.True((await Reset()).IsSuccess);

        Assert.Equal(Ports.HashOf(NewPassword), user.HashedPassword);
        _ports.ReceivedOneCommit();
    }
}
