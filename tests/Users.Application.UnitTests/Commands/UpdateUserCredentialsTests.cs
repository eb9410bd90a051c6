using NSubstitute;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Application.Users.Commands.UpdateUser;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Application.UnitTests.Commands;

/// <summary>
/// <see cref="UpdateUserCommandHandler"/> changing an address or a password: the policy sees the address the user will
/// have, a taken address is refused (also when the commit loses the race), and the hash is computed last.
/// </summary>
public sealed class UpdateUserCredentialsTests
{
    private readonly Ports _ports = new();

    private Task<Result<UserRead>> Update(Guid id, string? email = null, string? password = null) =>
        UpdateUserHandler.Handle(_ports, new UpdateUserCommand
        {
            Id = id,
            Email = email is null ? default : OptionalValue.Of<string?>(email),
            Password = password is null ? default : OptionalValue.Of<string?>(password),
        });

    [Fact]
    public async Task UpdateUser_WithEmailTakenByAnotherUserInOtherCase_ReturnsEmailAlreadyExistsAndChangesNothing()
    {
        var user = _ports.Store(new UserBuilder());
        _ports.TakeEmail("bob@example.com");

        var command = new UpdateUserCommand { Id = user.Id, Email = "Bob@Example.com", IsSuperuser = true };
        ResultAssert.Failed(await UpdateUserHandler.Handle(_ports, command), "UPDATE_USER_EMAIL_ALREADY_EXISTS");

        await _ports.Users.Received(1).ExistsByNormalizedEmailAsync("bob@example.com", Arg.Any<CancellationToken>());
        Assert.Equal(UserBuilder.DefaultEmail, user.Email);
        Assert.False(user.IsSuperuser);
        Assert.Empty(user.DomainEvents);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateUser_WhenTheNewAddressIsAlreadyThisUsersOwn_IsNotTakenByAnother_AndCommits()
    {
        // Another request of the same user committed the address after this one read the row: the commit, not the
        // existence check, settles it (it loses its race, and the retry finds nothing left to change).
        var user = _ports.Store(new UserBuilder());
        _ports.TakeEmail("bob@example.com");
        _ports.Users.GetByNormalizedEmailAsync("bob@example.com", Arg.Any<CancellationToken>()).Returns(user);

        var read = ResultAssert.Succeeded(await UpdateUserHandler.Handle(_ports, new UpdateUserCommand { Id = user.Id, Email = "bob@example.com" }));

        Assert.Equal("bob@example.com", read.Email);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task UpdateUser_RecasingOwnEmail_IsAllowedKeepsVerificationAndSkipsExistenceCheck()
    {
        var user = _ports.Store(new UserBuilder().Verified());

        var read = ResultAssert.Succeeded(await Update(user.Id, email: "Alice@example.com"));

        Assert.Equal("Alice@example.com", read.Email);
        Assert.True(read.IsVerified);
        await _ports.Users.DidNotReceiveWithAnyArgs().ExistsByNormalizedEmailAsync(default!, default);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task UpdateUser_WithNewEmail_ChangesItClearsVerificationAndCommitsOnce()
    {
        var user = _ports.Store(new UserBuilder().Verified());

        var read = ResultAssert.Succeeded(await Update(user.Id, email: "new@example.com"));

        Assert.Equal(new UserRead { Id = user.Id, Email = "new@example.com", IsActive = true, IsSuperuser = false, IsVerified = false }, read);
        Assert.Equal("new@example.com", user.NormalizedEmail);
        Assert.Equal(_ports.Time.GetUtcNow(), user.UpdatedAt);
        var updated = Assert.IsType<UserUpdated>(Assert.Single(user.DomainEvents));
        Assert.Equal([UserFieldNames.Email, UserFieldNames.IsVerified], updated.ChangedFields);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task UpdateUser_WithNewEmailAndIsVerifiedTrue_EndsVerified()
    {
        var user = _ports.Store(new UserBuilder());

        var read = ResultAssert.Succeeded(await UpdateUserHandler.Handle(_ports, new UpdateUserCommand { Id = user.Id, Email = "new@example.com", IsVerified = true }));

        Assert.Equal("new@example.com", read.Email);
        Assert.True(read.IsVerified);
        Assert.True(user.IsVerified);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task UpdateUser_WithPolicyRejectedPassword_ReturnsInvalidPasswordWithReasonAndComputesNoHash()
    {
        var user = _ports.Store(new UserBuilder());
        _ports.RejectAnyPassword("Password should not be your email address.");

        var error = ResultAssert.Failed(await Update(user.Id, password: "alice"), "UPDATE_USER_INVALID_PASSWORD");

        Assert.Equal("Password should not be your email address.", error.Reason);
        Assert.Equal(ErrorKind.Failure, error.Kind);
        _ = _ports.Hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, default);
        Assert.Equal(UserBuilder.DefaultPasswordHash, user.HashedPassword);
        Assert.Empty(user.DomainEvents);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateUser_WithPolicyRejectedPasswordAndTakenEmail_ReturnsInvalidPasswordBeforeTheExistenceCheck()
    {
        var user = _ports.Store(new UserBuilder());
        _ports.RejectAnyPassword("Password should be at least 8 characters.");
        _ports.TakeEmail("bob@example.com");

        ResultAssert.Failed(await Update(user.Id, email: "bob@example.com", password: "short"), "UPDATE_USER_INVALID_PASSWORD");

        await _ports.Users.DidNotReceiveWithAnyArgs().ExistsByNormalizedEmailAsync(default!, default);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateUser_WithPasswordOnly_ChecksPolicyAgainstCurrentEmail()
    {
        var user = _ports.Store(new UserBuilder());

        ResultAssert.Succeeded(await Update(user.Id, password: "new passphrase"));

        await _ports.Policy.Received(1).CheckAsync("new passphrase", UserBuilder.DefaultEmail, Arg.Any<CancellationToken>());
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task UpdateUser_WithEmailAndPassword_ChecksPolicyAgainstTheNewEmailAndStoresTheHash()
    {
        var user = _ports.Store(new UserBuilder());

        ResultAssert.Succeeded(await Update(user.Id, email: "new@example.com", password: "new passphrase"));

        await _ports.Policy.Received(1).CheckAsync("new passphrase", "new@example.com", Arg.Any<CancellationToken>());
        await _ports.Policy.DidNotReceive().CheckAsync(Arg.Any<string>(), UserBuilder.DefaultEmail, Arg.Any<CancellationToken>());
        Assert.Equal(Ports.HashOf("new passphrase"), user.HashedPassword);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task UpdateUser_WithNewPassword_StoresItsHashReplacesSecurityStampAndCommitsOnce()
    {
        var user = _ports.Store(new UserBuilder());
        var stamp = user.SecurityStamp;

        ResultAssert.Succeeded(await Update(user.Id, password: "new passphrase"));

        Assert.Equal(Ports.HashOf("new passphrase"), user.HashedPassword);
        Assert.NotEqual(stamp, user.SecurityStamp);
        var updated = Assert.IsType<UserUpdated>(Assert.Single(user.DomainEvents.OfType<UserUpdated>()));
        Assert.Equal([UserFieldNames.Password], updated.ChangedFields);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task UpdateUser_WhenCommitLosesRaceForTheAddress_ReturnsEmailAlreadyExists()
    {
        var user = _ports.Store(new UserBuilder());
        _ports.LoseCommitRace();

        ResultAssert.Failed(await Update(user.Id, email: "new@example.com"), "UPDATE_USER_EMAIL_ALREADY_EXISTS");

        _ports.ReceivedOneCommit();
    }
}
