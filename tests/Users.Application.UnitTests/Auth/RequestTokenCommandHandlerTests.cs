using Microsoft.Extensions.Options;
using NSubstitute;
using Users.Application.Abstractions.Security;
using Users.Application.Auth.Commands.RequestToken;
using Users.Application.Settings;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Application.UnitTests.Auth;

/// <summary>
/// <c>POST /auth/request-verify-token</c> (<see cref="TokenPurpose.Verify"/>) and <c>POST /auth/forgot-password</c>
/// (<see cref="TokenPurpose.ResetPassword"/>): one handler, the eligibility rules of the aggregate.
/// </summary>
public sealed class RequestTokenCommandHandlerTests
{
    private readonly Ports _ports = new();
    private readonly RateLimitingOptions _rateLimiting = new();

    private Task<Result> Request(TokenPurpose purpose, string email = UserBuilder.DefaultEmail) =>
        new RequestTokenCommandHandler(_ports.Users, _ports.UnitOfWork, _ports.ActionTokens, _ports.EmailOutbox, _ports.RateLimits, Options.Create(_rateLimiting))
            .Handle(new RequestTokenCommand { Email = email, Purpose = purpose }, CancellationToken.None);

    [Theory]
    [InlineData(TokenPurpose.Verify)]
    [InlineData(TokenPurpose.ResetPassword)]
    public async Task ASecondRequestWithinTheMailInterval_IsAnsweredTheSame_WithoutAToken(TokenPurpose purpose)
    {
        Stored();
        _ports.RateLimits.HitAsync("mail:alice@example.com", TimeSpan.FromSeconds(60), Arg.Any<CancellationToken>())
            .Returns(new RateLimitHit(2, _ports.Time.GetUtcNow().AddSeconds(30)));

        Assert.True((await Request(purpose, "Alice@Example.com")).IsSuccess);

        IssuedNoToken();
        _ports.EmailOutbox.DidNotReceive().AddWithheld();
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task TheMailLimit_IsCountedForUnknownAddressesToo_AndNotAtAllWhenRateLimitingIsOff()
    {
        await Request(TokenPurpose.ResetPassword, "nobody@example.com");
        await _ports.RateLimits.Received(1).HitAsync("mail:nobody@example.com", Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>());

        _rateLimiting.Enabled = false;
        _ports.RateLimits.ClearReceivedCalls();
        await Request(TokenPurpose.ResetPassword, "nobody@example.com");
        await _ports.RateLimits.DidNotReceiveWithAnyArgs().HitAsync(default!, default, default);
    }

    private User Stored(bool isActive = true, bool isVerified = false)
    {
        var user = new UserBuilder().Inactive(!isActive).Verified(isVerified).Build();
        _ports.Store(user);
        return user;
    }

    private void IssuedNoToken()
    {
        _ports.ActionTokens.DidNotReceiveWithAnyArgs().IssueVerifyToken(default!);
        _ports.ActionTokens.DidNotReceiveWithAnyArgs().IssueResetPasswordToken(default!);
    }

    [Fact]
    public async Task RequestVerify_ForActiveUnverifiedUser_IssuesAVerifyTokenRaisesItInTheEventAndCommitsOnce()
    {
        var user = Stored();
        var events = _ports.EventsAtCommit(user);

        var result = await Request(TokenPurpose.Verify);

        Assert.True(result.IsSuccess);
        _ports.ActionTokens.Received(1).IssueVerifyToken(user);
        _ports.ActionTokens.DidNotReceiveWithAnyArgs().IssueResetPasswordToken(default!);
        _ports.EmailOutbox.DidNotReceive().AddWithheld();
        _ports.ReceivedOneCommit();
        Assert.Equal(new UserVerificationRequested(user.Id, UserBuilder.DefaultEmail, Ports.IssuedVerifyToken), Assert.Single(events));
        Assert.False(user.IsVerified);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RequestReset_ForActiveUser_IssuesAResetTokenRaisesItInTheEventAndCommitsOnce(bool isVerified)
    {
        var user = Stored(isVerified: isVerified);
        var events = _ports.EventsAtCommit(user);

        var result = await Request(TokenPurpose.ResetPassword);

        Assert.True(result.IsSuccess);
        _ports.ActionTokens.Received(1).IssueResetPasswordToken(user);
        _ports.ActionTokens.DidNotReceiveWithAnyArgs().IssueVerifyToken(default!);
        _ports.EmailOutbox.DidNotReceive().AddWithheld();
        _ports.ReceivedOneCommit();
        Assert.Equal(new ForgotPasswordRequested(user.Id, UserBuilder.DefaultEmail, Ports.IssuedResetToken), Assert.Single(events));
        Assert.Equal(UserBuilder.DefaultPasswordHash, user.HashedPassword);
    }

    [Theory]
    [InlineData(TokenPurpose.Verify, "  ALICE@Example.COM ")]
    [InlineData(TokenPurpose.ResetPassword, "Alice@EXAMPLE.com")]
    public async Task Request_WithAddressInOtherCaseAndSpaces_LooksUpTheNormalizedAddressAndFindsTheUser(TokenPurpose purpose, string email)
    {
        var user = Stored();

        Assert.True((await Request(purpose, email)).IsSuccess);

        await _ports.Users.Received(1).GetByNormalizedEmailAsync("alice@example.com", Arg.Any<CancellationToken>());
        if (purpose == TokenPurpose.Verify)
        {
            _ports.ActionTokens.Received(1).IssueVerifyToken(user);
        }
        else
        {
            _ports.ActionTokens.Received(1).IssueResetPasswordToken(user);
        }

        _ports.ReceivedOneCommit();
    }

    [Theory]
    [InlineData(TokenPurpose.Verify)]
    [InlineData(TokenPurpose.ResetPassword)]
    public async Task Request_ForUnknownAddress_SucceedsWithoutAToken_CommittingAWithheldRecordAsAMailWouldBe(TokenPurpose purpose)
    {
        var result = await Request(purpose, "nobody@example.com");

        Assert.True(result.IsSuccess);
        IssuedNoToken();
        _ports.EmailOutbox.Received(1).AddWithheld();
        _ports.ReceivedOneCommit(); // the same commit as a mail: the answer takes as long as for a registered address
    }

    [Theory]
    [InlineData(TokenPurpose.Verify, false, false)]
    [InlineData(TokenPurpose.Verify, true, true)]
    [InlineData(TokenPurpose.Verify, false, true)]
    [InlineData(TokenPurpose.ResetPassword, false, false)]
    [InlineData(TokenPurpose.ResetPassword, false, true)]
    public async Task Request_ForIneligibleUser_SucceedsWithoutTokenOrEvent_CommittingAWithheldRecordAsAMailWouldBe(TokenPurpose purpose, bool isActive, bool isVerified)
    {
        var user = Stored(isActive, isVerified);

        var result = await Request(purpose);

        Assert.True(result.IsSuccess);
        IssuedNoToken();
        Assert.Empty(user.DomainEvents);
        _ports.EmailOutbox.Received(1).AddWithheld();
        _ports.ReceivedOneCommit();
    }

    [Theory]
    [InlineData(TokenPurpose.Verify, "not-an-address")]
    [InlineData(TokenPurpose.ResetPassword, "bob@localhost")]
    public async Task Request_WithInvalidEmailOutsideThePipeline_FailsWithBodyEmailValidationErrorWithoutLookup(TokenPurpose purpose, string email)
    {
        var error = ResultAssert.Failed(await Request(purpose, email), "VALIDATION_ERROR");

        var failure = Assert.Single(Assert.IsType<ValidationError>(error).Failures);
        Assert.Equal(["body", "email"], failure.Location);
        Assert.Empty(_ports.Users.ReceivedCalls());
        IssuedNoToken();
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Request_WithUndefinedPurposeForAKnownUser_ThrowsWithoutTokenOrCommit()
    {
        Stored();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Request((TokenPurpose)42));

        IssuedNoToken();
        _ports.ReceivedNoCommit();
    }
}
