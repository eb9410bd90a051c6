using Microsoft.Extensions.Options;
using NSubstitute;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Auth.Commands.Refresh;
using Users.Application.Settings;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Common;
using Users.Domain.Sessions;
using Users.Domain.Sessions.Events;
using Users.Domain.Users;
using Users.TestSupport;

namespace Users.Application.UnitTests.Auth;

public sealed class RefreshCommandHandlerTests
{
    private const string Presented = "presented-refresh-token-presented-refresh-t";
    private const string Successor = "successor-refresh-token-successor-refresh-t";

    private readonly Ports _ports = new();
    private readonly IRefreshTokenRepository _tokens;
    private readonly IRefreshTokenCodec _codec;
    private readonly ISessionRepository _sessions;
    private readonly UserManagementOptions _options = new();
    private readonly User _user;
    private readonly Session _session;
    private readonly RefreshToken _token;

    public RefreshCommandHandlerTests()
    {
        (_tokens, _codec, _sessions) = (_ports.RefreshTokens, _ports.RefreshCodec, _ports.Sessions);
        _codec.IsWellFormed(Arg.Any<string?>()).Returns(call => call.Arg<string?>()?.Length == 43);
        _codec.NewToken().Returns(Successor);
        _codec.Seal(Arg.Any<string>(), Arg.Any<TokenPair>()).Returns(call => "sealed-for:" + call.ArgAt<string>(0));
        _user = _ports.Store(new UserBuilder());
        _session = Session.Start(_user, "jwt", SessionClient.Unknown, Ports.Start);
        _session.ExtendTo(Ports.Start.AddDays(7));
        _session.DequeueDomainEvents(); // the login committed long ago
        _sessions.GetByIdAsync(_session.Id, Arg.Any<CancellationToken>()).Returns(_session);
        _token = RefreshToken.Issue("hash:" + Presented, _session, Ports.Start, Ports.Start.AddDays(7));
        _tokens.GetByHashAsync("hash:" + Presented, Arg.Any<CancellationToken>()).Returns(_token);
    }

    private Task<Result<TokenPair>> Refresh(string token = Presented) =>
        new RefreshCommandHandler(
                _tokens, _codec, _sessions, _ports.Users, [_ports.AccessTokens],
                _ports.RefreshIssuer(_options), _ports.UnitOfWork, Options.Create(_options), _ports.Time)
            .Handle(new RefreshCommand { RefreshToken = token }, CancellationToken.None);

    [Fact]
    public async Task Refresh_SpendsTheToken_AndAnswersANewPairOfTheSameSession_InOneCommit()
    {
        _ports.Time.Advance(TimeSpan.FromHours(1));

        var pair = ResultAssert.Succeeded(await Refresh());

        Assert.Equal(new TokenPair(Ports.IssuedToken, Successor, (int)Ports.IssuedTokenLifetime.TotalSeconds), pair);
        Assert.Equal(_ports.Time.GetUtcNow(), _token.SpentAt);
        Assert.Equal("sealed-for:" + Presented, _token.SealedSuccessor);
        _codec.Received(1).Seal(Presented, pair);
        _ = _ports.AccessTokens.Received(1).IssueAsync(_user, _session, Arg.Any<CancellationToken>());
        _tokens.Received(1).Add(Arg.Is<RefreshToken>(t => t.TokenHash == "hash:" + Successor && t.SessionId == _session.Id));
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task TheSuccessor_LastsTheIdleLifetime_CappedByTheSessionsAbsoluteEnd()
    {
        _options.RefreshTokens.IdleSeconds = 3600;
        _options.RefreshTokens.LifetimeSeconds = 5400;
        var added = new List<RefreshToken>();
        _tokens.When(t => t.Add(Arg.Any<RefreshToken>())).Do(call => added.Add(call.Arg<RefreshToken>()));

        ResultAssert.Succeeded(await Refresh());
        _ports.Time.Advance(TimeSpan.FromMinutes(50));
        _tokens.GetByHashAsync("hash:" + Successor, Arg.Any<CancellationToken>()).Returns(_ => added[0]);
        _codec.NewToken().Returns("third-refresh-token-third-refresh-token-thi");
        ResultAssert.Succeeded(await Refresh(Successor));

        Assert.Equal(Ports.Start.AddHours(1), added[0].ExpiresAt);
        Assert.Equal(Ports.Start.AddSeconds(5400), added[1].ExpiresAt);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("unknown-refresh-token-unknown-refresh-token")]
    public async Task MalformedOrUnknownTokens_AreInvalid_WithoutAnyChange(string token)
    {
        ResultAssert.Failed(await Refresh(token), "REFRESH_TOKEN_INVALID");

        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task AnExpiredToken_IsInvalid()
    {
        _ports.Time.Advance(TimeSpan.FromDays(7));

        ResultAssert.Failed(await Refresh(), "REFRESH_TOKEN_INVALID");

        Assert.False(_token.IsSpent);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task AfterAStampChangeOrADeactivation_TheTokenIsInvalid()
    {
        _user.RevokeAllTokens(Ports.Start);

        ResultAssert.Failed(await Refresh(), "REFRESH_TOKEN_INVALID");

        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task ForAnInactiveUser_TheTokenIsInvalid()
    {
        _user.Apply(new UserChanges { IsActive = false }, Ports.Start);

        ResultAssert.Failed(await Refresh(), "REFRESH_TOKEN_INVALID");
    }

    [Fact]
    public async Task ASpentToken_WithinTheReuseInterval_AnswersTheSameSuccessorAgain_WithoutAnyChange()
    {
        var first = new TokenPair("access-1", Successor, 3600);
        _token.Spend(Ports.Start, "sealed");
        _codec.Unseal(Presented, "sealed").Returns(first);
        _ports.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(first, ResultAssert.Succeeded(await Refresh()));

        _ports.ReceivedNoCommit();
        _tokens.DidNotReceiveWithAnyArgs().Add(default!);
        Assert.Empty(_session.DomainEvents);
    }

    [Fact]
    public async Task ASpentToken_AfterTheReuseInterval_EndsTheWholeSession()
    {
        _token.Spend(Ports.Start, "sealed");
        _codec.Unseal(Presented, "sealed").Returns(new TokenPair("access-1", Successor, 3600));
        _ports.Time.Advance(TimeSpan.FromSeconds(11));

        ResultAssert.Failed(await Refresh(), "REFRESH_TOKEN_INVALID");

        Assert.Equal(new SessionEnded(_session.Id, _user.Id, SessionEndReason.RefreshTokenReused), Assert.Single(_session.DomainEvents));
        Received.InOrder(() =>
        {
            _sessions.Remove(_session);
            _ports.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task ASpentToken_WhoseSealDoesNotOpen_IsTreatedAsReuse()
    {
        _token.Spend(Ports.Start, "sealed");

        ResultAssert.Failed(await Refresh(), "REFRESH_TOKEN_INVALID");

        _sessions.Received(1).Remove(_session);
    }
}
