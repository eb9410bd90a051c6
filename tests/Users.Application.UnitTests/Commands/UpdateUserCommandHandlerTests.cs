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
/// <c>PATCH /users/{id}</c>, and <c>PATCH /users/me</c> (the caller's id, flags dropped): one handler. Address and
/// password changes are in <see cref="UpdateUserCredentialsTests"/>.
/// </summary>
public sealed class UpdateUserCommandHandlerTests
{
    private readonly Ports _ports = new();

    private Task<Result<UserRead>> Update(UpdateUserCommand command) =>
        UpdateUserHandler.Handle(_ports, command);

    [Fact]
    public async Task UpdateUser_WithUnknownId_ReturnsNotFoundWithoutPolicyHashOrCommit()
    {
        var command = new UpdateUserCommand { Id = Guid.NewGuid(), Email = "new@example.com", Password = "new passphrase", IsActive = false };

        var error = ResultAssert.Failed(await Update(command), "Not Found");

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Empty(_ports.Policy.ReceivedCalls());
        _ = _ports.Hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, default);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateUser_WithInvalidEmailOutsideThePipeline_FailsWithBodyEmailValidationErrorAndChangesNothing()
    {
        var user = _ports.Store(new UserBuilder());

        var error = ResultAssert.Failed(await Update(new UpdateUserCommand { Id = user.Id, Email = "x@localhost", IsSuperuser = true }), "VALIDATION_ERROR");

        var failure = Assert.Single(Assert.IsType<ValidationError>(error).Failures);
        Assert.Equal(["body", "email"], failure.Location);
        Assert.Equal("value_error", failure.Type);
        Assert.False(user.IsSuperuser);
        Assert.Empty(user.DomainEvents);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateUser_SetsEveryFlagAndCommitsOnce()
    {
        var user = _ports.Store(new UserBuilder());

        var read = ResultAssert.Succeeded(await Update(new UpdateUserCommand { Id = user.Id, IsActive = false, IsSuperuser = true, IsVerified = true }));

        Assert.Equal(new UserRead { Id = user.Id, Email = UserBuilder.DefaultEmail, IsActive = false, IsSuperuser = true, IsVerified = true }, read);
        Assert.Equal((false, true, true), (user.IsActive, user.IsSuperuser, user.IsVerified));
        Assert.Equal(_ports.Time.GetUtcNow(), user.UpdatedAt);
        var updated = Assert.Single(user.DomainEvents.OfType<UserUpdated>());
        Assert.Equal([UserFieldNames.IsActive, UserFieldNames.IsSuperuser, UserFieldNames.IsVerified], updated.ChangedFields);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task UpdateUser_WithUnsetFlags_LeavesTheFlagsAsTheyAre()
    {
        var user = _ports.Store(new UserBuilder().Inactive().Superuser().Verified());

        var read = ResultAssert.Succeeded(await Update(new UpdateUserCommand { Id = user.Id, Password = "new passphrase" }));

        Assert.Equal((false, true, true), (read.IsActive, read.IsSuperuser, read.IsVerified));
        Assert.Equal((false, true, true), (user.IsActive, user.IsSuperuser, user.IsVerified));
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task UpdateUser_WithFlagsDropped_ChangesOnlyTheAddressAndPassword()
    {
        // PATCH /users/me: a user may not set their own flags.
        var user = _ports.Store(new UserBuilder());
        var request = new UpdateUserCommand { Id = user.Id, Email = "new@example.com", IsActive = false, IsSuperuser = true, IsVerified = true };

        var read = ResultAssert.Succeeded(await Update(request.WithoutFlags()));

        Assert.Equal(new UserRead { Id = user.Id, Email = "new@example.com", IsActive = true, IsSuperuser = false, IsVerified = false }, read);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task UpdateUser_Deactivating_ReplacesSecurityStamp()
    {
        var user = _ports.Store(new UserBuilder());
        var stamp = user.SecurityStamp;

        ResultAssert.Succeeded(await Update(new UpdateUserCommand { Id = user.Id, IsActive = false }));

        Assert.NotEqual(stamp, user.SecurityStamp);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task UpdateUser_WithFlagsAlreadyAsAsked_ReturnsUserWithoutCommit()
    {
        var user = _ports.Store(new UserBuilder().Verified());

        var read = ResultAssert.Succeeded(await Update(new UpdateUserCommand { Id = user.Id, IsActive = true, IsSuperuser = false, IsVerified = true }));

        Assert.Equal(new UserRead { Id = user.Id, Email = UserBuilder.DefaultEmail, IsActive = true, IsSuperuser = false, IsVerified = true }, read);
        Assert.Empty(user.DomainEvents);
        _ports.ReceivedNoCommit();
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, UserBuilder.DefaultEmail)]
    [InlineData(true, "alice@EXAMPLE.com")] // the domain is lower-cased on parse: the same address
    public async Task UpdateUser_WhenNothingChanges_ReturnsUserWithoutCommit(bool emailSet, string? email)
    {
        var user = _ports.Store(new UserBuilder());
        var command = new UpdateUserCommand { Id = user.Id, Email = emailSet ? OptionalValue.Of(email) : default };

        var read = ResultAssert.Succeeded(await Update(command));

        Assert.Equal(new UserRead { Id = user.Id, Email = UserBuilder.DefaultEmail, IsActive = true, IsSuperuser = false, IsVerified = false }, read);
        Assert.Empty(user.DomainEvents);
        Assert.Equal(UserBuilder.DefaultCreatedAt, user.UpdatedAt);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateUser_WithNullPassword_LeavesThePasswordWithoutPolicyHashOrCommit()
    {
        var user = _ports.Store(new UserBuilder());

        ResultAssert.Succeeded(await Update(new UpdateUserCommand { Id = user.Id, Password = OptionalValue.Of<string?>(null) }));

        Assert.Equal(UserBuilder.DefaultPasswordHash, user.HashedPassword);
        Assert.Empty(_ports.Policy.ReceivedCalls());
        _ = _ports.Hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, default);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task UpdateUser_WhenCommitFailsForAnotherReason_LetsTheExceptionThrough()
    {
        var user = _ports.Store(new UserBuilder());
        _ports.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>())
            .Returns(_ => Task.FromException(new InvalidOperationException("database down")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Update(new UpdateUserCommand { Id = user.Id, IsSuperuser = true }));
    }
}
