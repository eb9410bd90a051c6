using NSubstitute;
using Users.Application.Auth.Commands.ForgotPassword;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Common;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.Auth;

public sealed class ForgotPasswordCommandHandlerTests
{
    private readonly Ports _ports = new();

    private Task<Result> Forgot(string email = UserBuilder.DefaultEmail) =>
        new ForgotPasswordCommandHandler(_ports.Users, _ports.UnitOfWork, _ports.ActionTokens)
            .Handle(new ForgotPasswordCommand(email), CancellationToken.None);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Forgot_ForActiveUser_IssuesResetTokenRaisesItInTheEventAndCommitsOnce(bool isVerified)
    {
        var builder = new UserBuilder();
        if (isVerified)
        {
            builder.Verified();
        }

        var user = builder.Build();
        _ports.Store(user);
        var events = _ports.EventsAtCommit(user);

        var result = await Forgot();

        Assert.True(result.IsSuccess);
        _ports.ActionTokens.Received(1).IssueResetPasswordToken(user);
        _ports.ReceivedOneCommit();
        Assert.Equal(new ForgotPasswordRequested(user.Id, UserBuilder.DefaultEmail, Ports.IssuedResetToken), Assert.Single(events));
        Assert.Equal(UserBuilder.DefaultPasswordHash, user.HashedPassword);
    }

    [Fact]
    public async Task Forgot_WithAddressInOtherCase_LooksUpTheNormalizedAddress()
    {
        var user = new UserBuilder().Build();
        _ports.Store(user);

        Assert.True((await Forgot("Alice@EXAMPLE.com")).IsSuccess);

        await _ports.Users.Received(1).GetByNormalizedEmailAsync("alice@example.com", Arg.Any<CancellationToken>());
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Forgot_ForUnknownAddress_SucceedsWithoutTokenOrCommit()
    {
        var result = await Forgot("nobody@example.com");

        Assert.True(result.IsSuccess);
        _ports.ActionTokens.DidNotReceiveWithAnyArgs().IssueResetPasswordToken(default!);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Forgot_ForInactiveUser_SucceedsWithoutTokenEventOrCommit()
    {
        var user = new UserBuilder().Inactive().Build();
        _ports.Store(user);

        var result = await Forgot();

        Assert.True(result.IsSuccess);
        _ports.ActionTokens.DidNotReceiveWithAnyArgs().IssueResetPasswordToken(default!);
        Assert.Empty(user.DomainEvents);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Forgot_WithInvalidEmailOutsideThePipeline_FailsWithBodyEmailValidationErrorWithoutLookup()
    {
        var error = ResultAssert.Failed(await Forgot("bob@localhost"), "VALIDATION_ERROR");

        Assert.Equal(["body", "email"], Assert.Single(Assert.IsType<ValidationError>(error).Failures).Location);
        Assert.Empty(_ports.Users.ReceivedCalls());
        _ports.ReceivedNoCommit();
    }
}
