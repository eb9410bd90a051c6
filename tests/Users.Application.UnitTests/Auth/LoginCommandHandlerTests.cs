using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NSubstitute;
using Users.Application.Abstractions.Security;
using Users.Application.Auth.Commands.Login;
using Users.Application.Settings;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Domain.Audit;
using Users.Domain.Common;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Application.UnitTests.Auth;

public sealed class LoginCommandHandlerTests
{
    private const string Password = "correct horse battery";

    private readonly Ports _ports = new();
    private readonly UserManagementOptions _options = new();
    private readonly RecordingLogger<LoginCommandHandler> _logger = new();

    private LoginCommandHandler Handler() =>
        new(_ports.Users, _ports.Audit, _ports.UnitOfWork, _ports.Hasher, _ports.SignIn(_options), _ports.Throttle, Options.Create(_options), _ports.Time, _logger);

    private Task<Result<LoginResult>> Login(string username = UserBuilder.DefaultEmail, string password = Password) =>
        Handler().Handle(new LoginCommand { Username = username, Password = password, Backend = "cookie", Client = Client }, CancellationToken.None);

    private static readonly SessionClient Client = new("203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");

    private User StoredUser(UserBuilder builder, PasswordVerification verification)
    {
        var user = builder.Build();
        _ports.Store(user);
        _ports.Hasher.VerifyAsync(user.HashedPassword, Password, Arg.Any<CancellationToken>()).Returns(verification);
        return user;
    }

    [Fact]
    public async Task Login_WithUnknownUser_ReturnsBadCredentialsAfterDummyVerification()
    {
        ResultAssert.Failed(await Login(username: "nobody@example.com"), "LOGIN_BAD_CREDENTIALS");

        _ = _ports.Hasher.Received(1).VerifyAgainstDummyAsync(Password, Arg.Any<CancellationToken>());
        _ = _ports.AccessTokens.DidNotReceiveWithAnyArgs().IssueAsync(default!, default!, default);
        ReceivedOnlyAFailureEntry();
    }

    [Fact]
    public async Task Login_WithWrongPassword_ReturnsBadCredentialsWithoutAChange()
    {
        var user = StoredUser(new UserBuilder(), PasswordVerification.Failed);

        ResultAssert.Failed(await Login(), "LOGIN_BAD_CREDENTIALS");

        Assert.Null(user.LastLoginAt);
        _ = _ports.AccessTokens.DidNotReceiveWithAnyArgs().IssueAsync(default!, default!, default);
        ReceivedOnlyAFailureEntry();
    }

    [Fact]
    public async Task Login_WithInactiveUserAndCorrectPassword_ReturnsBadCredentials()
    {
        StoredUser(new UserBuilder().Inactive(), PasswordVerification.Success);

        ResultAssert.Failed(await Login(), "LOGIN_BAD_CREDENTIALS");

        _ = _ports.AccessTokens.DidNotReceiveWithAnyArgs().IssueAsync(default!, default!, default);
        ReceivedOnlyAFailureEntry();
    }

    [Fact]
    public async Task Login_WithInactiveUser_StillSpendsARealVerification()
    {
        StoredUser(new UserBuilder().Inactive(), PasswordVerification.Success);

        await Login();

        _ = _ports.Hasher.Received(1).VerifyAsync(UserBuilder.DefaultPasswordHash, Password, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Login_WithStoredHashInUnknownFormat_ReturnsBadCredentialsAndLogsError()
    {
        var user = StoredUser(new UserBuilder(), PasswordVerification.UnknownFormat);

        ResultAssert.Failed(await Login(), "LOGIN_BAD_CREDENTIALS");

        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains(user.Id.ToString(), entry.Message, StringComparison.Ordinal);
        _ = _ports.Hasher.Received(1).VerifyAgainstDummyAsync(Password, Arg.Any<CancellationToken>()); // costs a hash's time, like every other failure
        ReceivedOnlyAFailureEntry();
    }

    [Fact]
    public async Task Login_WhenVerificationRequiredAndUserUnverified_ReturnsNotVerified()
    {
        _options.RequireVerification = true;
        StoredUser(new UserBuilder(), PasswordVerification.Success);

        ResultAssert.Failed(await Login(), "LOGIN_USER_NOT_VERIFIED");

        ReceivedOnlyAFailureEntry();
    }

    [Fact]
    public async Task Login_WhenVerificationRequiredAndPasswordWrong_ReturnsBadCredentialsNotNotVerified()
    {
        _options.RequireVerification = true;
        StoredUser(new UserBuilder(), PasswordVerification.Failed);

        ResultAssert.Failed(await Login(), "LOGIN_BAD_CREDENTIALS");

        ReceivedOnlyAFailureEntry();
    }

    [Fact]
    public async Task Login_WhenVerificationRequiredAndUserVerified_Succeeds()
    {
        _options.RequireVerification = true;
        StoredUser(new UserBuilder().Verified(), PasswordVerification.Success);

        ResultAssert.Succeeded(await Login());

        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Login_WhenVerificationNotRequired_LetsUnverifiedUserIn()
    {
        var user = StoredUser(new UserBuilder(), PasswordVerification.Success);

        var result = ResultAssert.Succeeded(await Login());

        Assert.False(result.User.IsVerified);
        Assert.Equal(user.Id, result.User.Id);
    }

    [Fact]
    public async Task Login_WithCorrectPassword_RecordsLoginTimeCommitsOnceAndReturnsTheUserAndIssuedToken()
    {
        var user = StoredUser(new UserBuilder().Superuser(), PasswordVerification.Success);

        var result = ResultAssert.Succeeded(await Login());

        Assert.Equal(_ports.Time.GetUtcNow(), user.LastLoginAt);
        Assert.Equal(new UserLoggedIn(user.Id, _ports.Time.GetUtcNow()), Assert.Single(user.DomainEvents));
        var expected = new UserRead { Id = user.Id, Email = UserBuilder.DefaultEmail, IsActive = true, IsSuperuser = true, IsVerified = false };
        Assert.Equal(expected, result.User);
        Assert.Equal(Ports.IssuedToken, result.AccessToken);
        _ = _ports.AccessTokens.Received(1).IssueAsync(user, Arg.Any<Session>(), Arg.Any<CancellationToken>());
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Login_StartsASessionForTheTokenBeforeTheCommit_LastingAsLongAsTheToken()
    {
        var user = StoredUser(new UserBuilder(), PasswordVerification.Success);
        Session? added = null;
        _ports.Sessions.When(s => s.Add(Arg.Any<Session>())).Do(call => added = call.Arg<Session>());

        var result = ResultAssert.Succeeded(await Login());

        Assert.NotNull(added);
        Assert.Equal(added.Id, result.SessionId);
        Assert.Equal((user.Id, user.SecurityStamp, "cookie"), (added.UserId, added.SecurityStamp, added.Backend));
        Assert.Equal((Client.Ip, Client.UserAgent), (added.Ip, added.UserAgent));
        Assert.Equal((_ports.Time.GetUtcNow(), _ports.Time.GetUtcNow()), (added.CreatedAt, added.LastUsedAt));
        Assert.Equal(_ports.Time.GetUtcNow() + Ports.IssuedTokenLifetime, added.ExpiresAt);
        Received.InOrder(() =>
        {
            _ports.Sessions.Add(added);
            _ = _ports.AccessTokens.IssueAsync(user, added, Arg.Any<CancellationToken>());
            _ports.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task Login_WithARefreshToken_IssuesOneForTheSession_WhichLastsAsLongAsIt()
    {
        StoredUser(new UserBuilder(), PasswordVerification.Success);
        _options.RefreshTokens.IdleSeconds = 7200;
        Session? added = null;
        _ports.Sessions.When(s => s.Add(Arg.Any<Session>())).Do(call => added = call.Arg<Session>());

        var result = ResultAssert.Succeeded(await Handler().Handle(
            new LoginCommand { Username = UserBuilder.DefaultEmail, Password = Password, WithRefreshToken = true }, CancellationToken.None));

        Assert.Equal(Ports.IssuedRefreshToken, result.RefreshToken);
        Assert.Equal((int)Ports.IssuedTokenLifetime.TotalSeconds, result.ExpiresIn);
        _ports.RefreshTokens.Received(1).Add(Arg.Is<RefreshToken>(t =>
            t.TokenHash == "hash:" + Ports.IssuedRefreshToken && t.SessionId == added!.Id && t.ExpiresAt == _ports.Time.GetUtcNow().AddSeconds(7200)));
        Assert.Equal(_ports.Time.GetUtcNow().AddSeconds(7200), added!.ExpiresAt);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Login_WithoutARefreshToken_IssuesNone()
    {
        StoredUser(new UserBuilder(), PasswordVerification.Success);

        Assert.Null(ResultAssert.Succeeded(await Login()).RefreshToken);

        _ports.RefreshTokens.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Login_WithAWrongPassword_WritesOneLoginFailedEntryForTheUser_AndCommitsIt()
    {
        var user = StoredUser(new UserBuilder(), PasswordVerification.Failed);

        ResultAssert.Failed(await Login(), "LOGIN_BAD_CREDENTIALS");

        _ports.Audit.Received(1).Add(Arg.Is<AuditEvent>(e =>
            e.Type == AuditEventType.LoginFailed && e.UserId == user.Id && e.ActorId == null && e.Ip == Client.Ip && e.UserAgent == Client.UserAgent));
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Login_OfAnUnknownAddress_WritesTheSameEntryWithNoUser_SoItCostsTheSame()
    {
        ResultAssert.Failed(await Login(username: "nobody@example.com"), "LOGIN_BAD_CREDENTIALS");

        _ports.Audit.Received(1).Add(Arg.Is<AuditEvent>(e => e.Type == AuditEventType.LoginFailed && e.UserId == null));
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Login_WhileLocked_WritesOneLoginLockedEntry_WithoutCheckingThePassword()
    {
        var user = StoredUser(new UserBuilder(), PasswordVerification.Success);
        _ports.LockAddress(user.NormalizedEmail, TimeSpan.FromSeconds(30));

        ResultAssert.Failed(await Login(), "LOGIN_LOCKED");

        _ports.Audit.Received(1).Add(Arg.Is<AuditEvent>(e => e.Type == AuditEventType.LoginLocked && e.UserId == user.Id));
        _ = _ports.Hasher.DidNotReceiveWithAnyArgs().VerifyAsync(default!, default!, default);
    }

    [Fact]
    public async Task Login_ThatSucceeds_WritesNoEntryItself_TheSessionsEventDoes()
    {
        StoredUser(new UserBuilder(), PasswordVerification.Success);

        ResultAssert.Succeeded(await Login());

        _ports.Audit.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Login_ThatFails_StartsNoSession()
    {
        StoredUser(new UserBuilder(), PasswordVerification.Failed);

        ResultAssert.Failed(await Login(), "LOGIN_BAD_CREDENTIALS");

        _ports.Sessions.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Login_AfterTheClockMoved_RecordsTheTimeOfTheLogin()
    {
        var user = StoredUser(new UserBuilder(), PasswordVerification.Success);
        _ports.Time.Advance(TimeSpan.FromHours(5));

        ResultAssert.Succeeded(await Login());

        Assert.Equal(Ports.Start.AddHours(5), user.LastLoginAt);
    }

    [Fact]
    public async Task Login_WithUpToDateHash_DoesNotRehash()
    {
        StoredUser(new UserBuilder(), PasswordVerification.Success);

        await Login();

        _ = _ports.Hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, default);
    }

    [Fact]
    public async Task Login_WhenRehashNeeded_StoresNewHashAndKeepsSecurityStamp()
    {
        var user = StoredUser(new UserBuilder(), PasswordVerification.SuccessRehashNeeded);
        var stamp = user.SecurityStamp;

        ResultAssert.Succeeded(await Login());

        _ = _ports.Hasher.Received(1).HashAsync(Password, Arg.Any<CancellationToken>());
        Assert.Equal(Ports.HashOf(Password), user.HashedPassword);
        Assert.Equal(stamp, user.SecurityStamp);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Login_LooksUserUpByLowerCasedEmail()
    {
        StoredUser(new UserBuilder().WithEmail("Alice@Example.com"), PasswordVerification.Success);

        ResultAssert.Succeeded(await Login(username: "  ALICE@EXAMPLE.COM "));

        await _ports.Users.Received(1).GetByNormalizedEmailAsync("alice@example.com", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Login_WhenTheHashingQueueIsFull_Throws_AndCommitsNothing()
    {
        var user = new UserBuilder().Build();
        _ports.Store(user);
        _ports.Hasher.VerifyAsync(user.HashedPassword, Password, Arg.Any<CancellationToken>())
            .Returns<PasswordVerification>(_ => throw new PasswordHashingBusyException(TimeSpan.FromSeconds(3)));

        var busy = await Assert.ThrowsAsync<PasswordHashingBusyException>(() => Login());

        Assert.Equal(TimeSpan.FromSeconds(3), busy.RetryAfter);
        Assert.Null(user.LastLoginAt);
        _ports.Audit.DidNotReceiveWithAnyArgs().Add(default!);
        _ports.Sessions.DidNotReceiveWithAnyArgs().Add(default!);
        await _ports.UnitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }

    [Fact]
    public async Task Login_OfAnUnknownAddress_WhenTheHashingQueueIsFull_ThrowsLikeAKnownOne()
    {
        _ports.Hasher.VerifyAgainstDummyAsync(Password, Arg.Any<CancellationToken>())
            .Returns(_ => throw new PasswordHashingBusyException(TimeSpan.FromSeconds(3)));

        await Assert.ThrowsAsync<PasswordHashingBusyException>(() => Login(username: "nobody@example.com"));

        _ports.Audit.DidNotReceiveWithAnyArgs().Add(default!);
        await _ports.UnitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }

    // A failed login commits one audit entry and nothing else: no session, no token, no change to the user.
    private void ReceivedOnlyAFailureEntry()
    {
        _ports.Audit.Received(1).Add(Arg.Any<AuditEvent>());
        _ports.Sessions.DidNotReceiveWithAnyArgs().Add(default!);
        _ports.ReceivedOneCommit();
    }
}
