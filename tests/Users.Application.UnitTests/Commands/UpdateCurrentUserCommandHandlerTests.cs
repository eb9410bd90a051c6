using NSubstitute;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Application.Users.Commands.UpdateCurrentUser;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.Commands;

public sealed class UpdateCurrentUserCommandHandlerTests
{
    private readonly Ports _ports = new();

    private Task<Result<UserRead>> Update(Guid userId, string? email = null, string? password = null) =>
        new UpdateCurrentUserCommandHandler(_ports.Users, _ports.Updater())
            .Handle(new UpdateCurrentUserCommand(userId, email, password), CancellationToken.None);

    private User Stored(UserBuilder builder)
    {
        var user = builder.Build();
        _ports.Store(user);
        return user;
    }

    [Fact]
    public async Task UpdateMe_WithUnknownUser_ReturnsUnauthorized()
    {
        var error = ResultAssert.Failed(await Update(Guid.NewGuid(), email: "new@example.com"), "Unauthorized");

        Assert.Equal(ErrorKind.Unauthorized, error.Kind);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateMe_WithInactiveUser_ReturnsUnauthorized()
    {
        var user = Stored(new UserBuilder().Inactive());

        ResultAssert.Failed(await Update(user.Id, email: "new@example.com"), "Unauthorized");

        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateMe_WithEmailTakenByAnotherUser_ReturnsEmailAlreadyExistsAndDoesNotCommit()
    {
        var user = Stored(new UserBuilder());
        _ports.TakeEmail("bob@example.com");

        ResultAssert.Failed(await Update(user.Id, email: "Bob@Example.com"), "UPDATE_USER_EMAIL_ALREADY_EXISTS");

        Assert.Equal(UserBuilder.DefaultEmail, user.Email);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateMe_RecasingOwnEmail_IsAllowedKeepsVerificationAndSkipsExistenceCheck()
    {
        var user = Stored(new UserBuilder().Verified());

        var read = ResultAssert.Succeeded(await Update(user.Id, email: "Alice@example.com"));

        Assert.Equal("Alice@example.com", read.Email);
        Assert.True(read.IsVerified);
        await _ports.Users.DidNotReceiveWithAnyArgs().ExistsByNormalizedEmailAsync(default!, default);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task UpdateMe_WithNewEmail_ChangesItClearsVerificationAndCommitsOnce()
    {
        var user = Stored(new UserBuilder().Verified());

        var read = ResultAssert.Succeeded(await Update(user.Id, email: "new@example.com"));

        Assert.Equal(new UserRead(user.Id, "new@example.com", true, false, false), read);
        Assert.Equal("new@example.com", user.NormalizedEmail);
        Assert.Equal(_ports.Time.Now, user.UpdatedAt);
        var updated = Assert.IsType<UserUpdated>(Assert.Single(user.DomainEvents));
        Assert.Equal([UserFields.Email, UserFields.IsVerified], updated.ChangedFields);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task UpdateMe_WithPolicyRejectedPassword_ReturnsInvalidPasswordWithReasonAndComputesNoHash()
    {
        var user = Stored(new UserBuilder());
        _ports.RejectAnyPassword("Password should not be your email address.");

        var error = ResultAssert.Failed(await Update(user.Id, password: "alice"), "UPDATE_USER_INVALID_PASSWORD");

        Assert.Equal("Password should not be your email address.", error.Reason);
        _ports.Hasher.DidNotReceiveWithAnyArgs().Hash(default!);
        Assert.Equal(UserBuilder.DefaultPasswordHash, user.HashedPassword);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateMe_WithPasswordOnly_ChecksPolicyAgainstCurrentEmail()
    {
        var user = Stored(new UserBuilder());

        ResultAssert.Succeeded(await Update(user.Id, password: "new passphrase"));

        await _ports.Policy.Received(1).CheckAsync("new passphrase", UserBuilder.DefaultEmail, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task UpdateMe_WithEmailAndPassword_ChecksPolicyAgainstTheNewEmail()
    {
        var user = Stored(new UserBuilder());

        ResultAssert.Succeeded(await Update(user.Id, email: "new@example.com", password: "new passphrase"));

        await _ports.Policy.Received(1).CheckAsync("new passphrase", "new@example.com", Arg.Any<CancellationToken>());
        await _ports.Policy.DidNotReceive().CheckAsync(Arg.Any<string>(), UserBuilder.DefaultEmail, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task UpdateMe_WithNewPassword_StoresItsHashReplacesSecurityStampAndCommitsOnce()
    {
        var user = Stored(new UserBuilder());
        var stamp = user.SecurityStamp;

        ResultAssert.Succeeded(await Update(user.Id, password: "new passphrase"));

        Assert.Equal(Ports.HashOf("new passphrase"), user.HashedPassword);
        Assert.NotEqual(stamp, user.SecurityStamp);
        _ports.ReceivedOneCommit();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(UserBuilder.DefaultEmail)]
    [InlineData("alice@EXAMPLE.com")] // the domain is lower-cased on parse: the same address
    public async Task UpdateMe_WhenNothingChanges_ReturnsUserWithoutCommit(string? email)
    {
        var user = Stored(new UserBuilder());

        var read = ResultAssert.Succeeded(await Update(user.Id, email: email));

        Assert.Equal(user.Id, read.Id);
        Assert.Empty(user.DomainEvents);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateMe_WhenCommitLosesRaceForTheAddress_ReturnsEmailAlreadyExists()
    {
        var user = Stored(new UserBuilder());
        _ports.LoseCommitRace();

        ResultAssert.Failed(await Update(user.Id, email: "new@example.com"), "UPDATE_USER_EMAIL_ALREADY_EXISTS");
    }
}
