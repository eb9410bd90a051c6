using Microsoft.Extensions.Options;
using NSubstitute;
using Users.Application.Abstractions.Security;
using Users.Application.Auth.Commands.Login;
using Users.Application.Settings;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Audit;
using Users.Domain.Common;
using Users.TestSupport;

namespace Users.Application.UnitTests.Auth;

/// <summary>The login's use of the lockout: each attempt counts before the password is checked; a lock answers 429 unchecked.</summary>
public sealed class LoginLockoutTests
{
    private const string Password = "correct horse battery";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(42);

    private readonly Ports _ports = new();
    private readonly UserManagementOptions _options = new();

    [Theory]
    [InlineData(UserBuilder.DefaultEmail)]
    [InlineData("nobody@example.com")]
    public async Task WhileLocked_KnownOrNot_AnswersLoginLockedWithTheWait_WithoutCheckingThePassword(string address)
    {
        StoredUser(PasswordVerification.Success);
        _ports.LockAddress(address, Wait);

        var error = ResultAssert.Failed(await Login(address), "LOGIN_LOCKED");

        Assert.Equal(ErrorKind.TooManyRequests, error.Kind);
        Assert.Equal(Wait, error.RetryAfter);
        _ = _ports.Hasher.DidNotReceiveWithAnyArgs().VerifyAsync(default!, default!, default);
        _ = _ports.Hasher.DidNotReceiveWithAnyArgs().VerifyAgainstDummyAsync(default!, default);
        await _ports.Throttle.DidNotReceiveWithAnyArgs().ClearAsync(default!, default);
        ReceivedOnlyAFailureEntry();
    }

    [Fact]
    public async Task EveryAttempt_IsCountedByItsNormalizedAddress_BeforeThePasswordIsChecked()
    {
        StoredUser(PasswordVerification.Failed);

        await Login("  Alice@EXAMPLE.com ");

        await _ports.Throttle.Received(1).BeginAttemptAsync(UserBuilder.DefaultEmail, Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(PasswordVerification.Failed)]
    [InlineData(PasswordVerification.UnknownFormat)]
    public async Task AFailedCheck_StaysCounted(PasswordVerification verification)
    {
        StoredUser(verification);

        ResultAssert.Failed(await Login(UserBuilder.DefaultEmail), "LOGIN_BAD_CREDENTIALS");

        await _ports.Throttle.DidNotReceiveWithAnyArgs().ClearAsync(default!, default);
    }

    [Fact]
    public async Task ARightPassword_ClearsTheCount_EvenWhenVerificationIsStillMissing()
    {
        _options.RequireVerification = true;
        StoredUser(PasswordVerification.Success);

        ResultAssert.Failed(await Login(UserBuilder.DefaultEmail), "LOGIN_USER_NOT_VERIFIED");

        await _ports.Throttle.Received(1).ClearAsync(UserBuilder.DefaultEmail, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ASuccessfulLogin_ClearsTheCount()
    {
        StoredUser(PasswordVerification.Success);

        Assert.True((await Login(UserBuilder.DefaultEmail)).IsSuccess);

        await _ports.Throttle.Received(1).ClearAsync(UserBuilder.DefaultEmail, Arg.Any<CancellationToken>());
    }

    private void StoredUser(PasswordVerification verification)
    {
        var user = _ports.Store(new UserBuilder());
        _ports.Hasher.VerifyAsync(user.HashedPassword, Password, Arg.Any<CancellationToken>()).Returns(verification);
    }

    private Task<Result<LoginResult>> Login(string username) =>
        new LoginCommandHandler(
                _ports.Users, _ports.Audit, _ports.UnitOfWork, _ports.Hasher, _ports.SignIn(_options), _ports.Throttle, Options.Create(_options), _ports.Time,
                new RecordingLogger<LoginCommandHandler>())
            .Handle(new LoginCommand { Username = username, Password = Password }, CancellationToken.None);

    // A failed login commits one audit entry and nothing else: no session, no token, no change to the user.
    private void ReceivedOnlyAFailureEntry()
    {
        _ports.Audit.Received(1).Add(Arg.Any<AuditEvent>());
        _ports.Sessions.DidNotReceiveWithAnyArgs().Add(default!);
        _ports.ReceivedOneCommit();
    }
}
