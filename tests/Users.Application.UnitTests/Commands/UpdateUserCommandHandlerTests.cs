using NSubstitute;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Application.Users.Commands.UpdateUser;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.Commands;

public sealed class UpdateUserCommandHandlerTests
{
    private readonly Ports _ports = new();

    private Task<Result<UserRead>> Update(UpdateUserCommand command) =>
        new UpdateUserCommandHandler(_ports.Users, _ports.Updater()).Handle(command, CancellationToken.None);

    private User Stored(UserBuilder builder)
    {
        var user = builder.Build();
        _ports.Store(user);
        return user;
    }

    [Fact]
    public async Task UpdateUser_WithUnknownId_ReturnsNotFoundWithoutCommit()
    {
        var error = ResultAssert.Failed(await Update(new UpdateUserCommand(Guid.NewGuid(), IsActive: false)), "Not Found");

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateUser_WithInvalidEmailOutsideThePipeline_FailsWithBodyEmailValidationErrorAndChangesNothing()
    {
        var user = Stored(new UserBuilder());

        var error = ResultAssert.Failed(await Update(new UpdateUserCommand(user.Id, Email: "x@localhost", IsSuperuser: true)), "VALIDATION_ERROR");

        Assert.Equal(["body", "email"], Assert.Single(Assert.IsType<ValidationError>(error).Failures).Location);
        Assert.False(user.IsSuperuser);
        Assert.Empty(user.DomainEvents);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateUser_SetsEveryFlag()
    {
        var user = Stored(new UserBuilder());

        var read = ResultAssert.Succeeded(await Update(new UpdateUserCommand(user.Id, IsActive: false, IsSuperuser: true, IsVerified: true)));

        Assert.Equal(new UserRead(user.Id, UserBuilder.DefaultEmail, false, true, true), read);
        var updated = Assert.Single(user.DomainEvents.OfType<UserUpdated>());
        Assert.Equal([UserFields.IsActive, UserFields.IsSuperuser, UserFields.IsVerified], updated.ChangedFields);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task UpdateUser_Deactivating_ReplacesSecurityStamp()
    {
        var user = Stored(new UserBuilder());
        var stamp = user.SecurityStamp;

        ResultAssert.Succeeded(await Update(new UpdateUserCommand(user.Id, IsActive: false)));

        Assert.NotEqual(stamp, user.SecurityStamp);
    }

    [Fact]
    public async Task UpdateUser_WithNewEmailAndIsVerifiedTrue_EndsVerified()
    {
        var user = Stored(new UserBuilder());

        var read = ResultAssert.Succeeded(await Update(new UpdateUserCommand(user.Id, Email: "new@example.com", IsVerified: true)));

        Assert.Equal("new@example.com", read.Email);
        Assert.True(read.IsVerified);
    }

    [Fact]
    public async Task UpdateUser_WithEmailTakenByAnotherUser_ReturnsEmailAlreadyExistsAndDoesNotCommit()
    {
        var user = Stored(new UserBuilder());
        _ports.TakeEmail("bob@example.com");

        ResultAssert.Failed(await Update(new UpdateUserCommand(user.Id, Email: "bob@example.com", IsSuperuser: true)), "UPDATE_USER_EMAIL_ALREADY_EXISTS");

        Assert.False(user.IsSuperuser);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateUser_WithPolicyRejectedPassword_ReturnsInvalidPasswordWithReasonAndComputesNoHash()
    {
        var user = Stored(new UserBuilder());
        _ports.RejectAnyPassword("Password should be at least 8 characters.");

        var error = ResultAssert.Failed(await Update(new UpdateUserCommand(user.Id, Password: "short")), "UPDATE_USER_INVALID_PASSWORD");

        Assert.Equal("Password should be at least 8 characters.", error.Reason);
        _ports.Hasher.DidNotReceiveWithAnyArgs().Hash(default!);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateUser_WithEmailAndPassword_ChecksPolicyAgainstTheNewEmail()
    {
        var user = Stored(new UserBuilder());

        ResultAssert.Succeeded(await Update(new UpdateUserCommand(user.Id, Email: "new@example.com", Password: "new passphrase")));

        await _ports.Policy.Received(1).CheckAsync("new passphrase", "new@example.com", Arg.Any<CancellationToken>());
        Assert.Equal(Ports.HashOf("new passphrase"), user.HashedPassword);
    }

    [Fact]
    public async Task UpdateUser_WithFlagsAlreadyAsAsked_DoesNotCommit()
    {
        var user = Stored(new UserBuilder().Verified());

        ResultAssert.Succeeded(await Update(new UpdateUserCommand(user.Id, IsActive: true, IsSuperuser: false, IsVerified: true)));

        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateUser_WhenCommitLosesRaceForTheAddress_ReturnsEmailAlreadyExists()
    {
        var user = Stored(new UserBuilder());
        _ports.LoseCommitRace();

        ResultAssert.Failed(await Update(new UpdateUserCommand(user.Id, Email: "new@example.com")), "UPDATE_USER_EMAIL_ALREADY_EXISTS");
    }
}
