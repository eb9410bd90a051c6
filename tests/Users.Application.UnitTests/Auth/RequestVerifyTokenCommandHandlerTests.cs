using NSubstitute;
using Users.Application.Auth.Commands.RequestVerifyToken;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Common;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.Auth;

public sealed class RequestVerifyTokenCommandHandlerTests
{
    private readonly Ports _ports = new();

    private Task<Result> Request(string email = UserBuilder.DefaultEmail) =>
        new RequestVerifyTokenCommandHandler(_ports.Users, _ports.UnitOfWork, _ports.ActionTokens)
            .Handle(new RequestVerifyTokenCommand(email), CancellationToken.None);

    [Fact]
    public async Task Request_ForActiveUnverifiedUser_IssuesTokenRaisesItInTheEventAndCommitsOnce()
    {
        var user = new UserBuilder().Build();
        _ports.Store(user);
        var events = _ports.EventsAtCommit(user);

        var result = await Request();

        Assert.True(result.IsSuccess);
        _ports.ActionTokens.Received(1).IssueVerifyToken(user);
        _ports.ReceivedOneCommit();
        Assert.Equal(new UserVerificationRequested(user.Id, UserBuilder.DefaultEmail, Ports.IssuedVerifyToken), Assert.Single(events));
        Assert.False(user.IsVerified);
    }

    [Fact]
    public async Task Request_WithAddressInOtherCaseAndSpaces_LooksUpTheNormalizedAddress()
    {
        var user = new UserBuilder().Build();
        _ports.Store(user);

        Assert.True((await Request("  ALICE@Example.COM ")).IsSuccess);

        await _ports.Users.Received(1).GetByNormalizedEmailAsync("alice@example.com", Arg.Any<CancellationToken>());
        _ports.ActionTokens.Received(1).IssueVerifyToken(user);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Request_ForUnknownAddress_SucceedsWithoutTokenOrCommit()
    {
        var result = await Request("nobody@example.com");

        Assert.True(result.IsSuccess);
        _ports.ActionTokens.DidNotReceiveWithAnyArgs().IssueVerifyToken(default!);
        _ports.ReceivedNoCommit();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task Request_ForInactiveOrVerifiedUser_SucceedsWithoutTokenEventOrCommit(bool isActive, bool isVerified)
    {
        var builder = new UserBuilder();
        if (!isActive)
        {
            builder.Inactive();
        }

        if (isVerified)
        {
            builder.Verified();
        }

        var user = builder.Build();
        _ports.Store(user);

        var result = await Request();

        Assert.True(result.IsSuccess);
        _ports.ActionTokens.DidNotReceiveWithAnyArgs().IssueVerifyToken(default!);
        Assert.Empty(user.DomainEvents);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Request_WithInvalidEmailOutsideThePipeline_FailsWithBodyEmailValidationErrorWithoutLookup()
    {
        var error = ResultAssert.Failed(await Request("not-an-address"), "VALIDATION_ERROR");

        var failure = Assert.Single(Assert.IsType<ValidationError>(error).Failures);
        Assert.Equal(["body", "email"], failure.Location);
        Assert.Empty(_ports.Users.ReceivedCalls());
        _ports.ReceivedNoCommit();
    }
}
