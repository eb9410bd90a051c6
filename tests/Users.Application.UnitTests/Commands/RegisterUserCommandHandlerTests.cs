using NSubstitute;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Application.Users.Commands.RegisterUser;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.Commands;

public sealed class RegisterUserCommandHandlerTests
{
    private readonly Ports _ports = new();
    private User? _added;

    public RegisterUserCommandHandlerTests() => _ports.Users.Add(Arg.Do<User>(u => _added = u));

    private Task<Result<UserRead>> Register(string email = "bob@example.com", string password = "correct horse battery") =>
        new RegisterUserCommandHandler(_ports.Creator()).Handle(new RegisterUserCommand(email, password), CancellationToken.None);

    [Fact]
    public async Task Register_WithValidInput_AddsActiveUnverifiedUserWithHasherHashAndCommitsOnce()
    {
        var read = ResultAssert.Succeeded(await Register(password: "correct horse battery"));

        Assert.NotNull(_added);
        Assert.Equal(Ports.HashOf("correct horse battery"), _added.HashedPassword);
        Assert.True(_added.IsActive);
        Assert.False(_added.IsSuperuser);
        Assert.False(_added.IsVerified);
        Assert.Equal(_ports.Time.Now, _added.CreatedAt);
        _ports.ReceivedOneCommit();
        Assert.Equal(new UserRead(_added.Id, "bob@example.com", true, false, false), read);
    }

    [Fact]
    public async Task Register_WithInvalidEmailOutsideThePipeline_FailsWithBodyEmailValidationErrorAndTouchesNothing()
    {
        var error = ResultAssert.Failed(await Register(email: "not-an-address"), "VALIDATION_ERROR");

        var failure = Assert.Single(Assert.IsType<ValidationError>(error).Failures);
        Assert.Equal(["body", "email"], failure.Location);
        Assert.Equal("value_error", failure.Type);
        Assert.StartsWith("value is not a valid email address: ", failure.Message, StringComparison.Ordinal);
        Assert.Null(_added);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Register_AddsUserThatRaisedUserRegisteredBeforeCommit()
    {
        IReadOnlyList<IDomainEvent>? pendingAtCommit = null;
        _ports.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>())
            .Returns(_ =>
            {
                pendingAtCommit = _added?.DomainEvents.ToList();
                return Task.CompletedTask;
            });

        await Register();

        Assert.NotNull(_added);
        var registered = Assert.Single(pendingAtCommit!.OfType<UserRegistered>());
        Assert.Equal(new UserRegistered(_added.Id, "bob@example.com"), registered);
    }

    [Fact]
    public async Task Register_WithMixedCaseEmail_StoresDomainLowerCasedAndChecksExistenceByNormalizedAddress()
    {
        var read = ResultAssert.Succeeded(await Register(email: "  Bob.Smith@Example.COM "));

        Assert.Equal("Bob.Smith@example.com", read.Email);
        await _ports.Users.Received(1).ExistsByNormalizedEmailAsync("bob.smith@example.com", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Register_GivesThePasswordPolicyThePasswordAndTheAddress()
    {
        await Register(email: "bob@example.com", password: "correct horse battery");

        await _ports.Policy.Received(1).CheckAsync("correct horse battery", "bob@example.com", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Register_WhenPolicyRejectsPassword_ReturnsInvalidPasswordWithReasonBeforeExistenceCheck()
    {
        _ports.RejectAnyPassword("Password should be at least 8 characters.");
        _ports.TakeEmail("bob@example.com");

        var error = ResultAssert.Failed(await Register(), "REGISTER_INVALID_PASSWORD");

        Assert.Equal("Password should be at least 8 characters.", error.Reason);
        Assert.Equal(ErrorKind.Failure, error.Kind);
        await _ports.Users.DidNotReceiveWithAnyArgs().ExistsByNormalizedEmailAsync(default!, default);
        _ports.Users.DidNotReceiveWithAnyArgs().Add(default!);
        _ports.Hasher.DidNotReceiveWithAnyArgs().Hash(default!);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Register_WhenEmailTakenInOtherCase_ReturnsAlreadyExistsAndDoesNotCommit()
    {
        _ports.TakeEmail("bob@example.com");

        ResultAssert.Failed(await Register(email: "BOB@Example.com"), "REGISTER_USER_ALREADY_EXISTS");

        _ports.Users.DidNotReceiveWithAnyArgs().Add(default!);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Register_WhenCommitLosesRaceForTheAddress_ReturnsAlreadyExists()
    {
        _ports.LoseCommitRace();

        ResultAssert.Failed(await Register(), "REGISTER_USER_ALREADY_EXISTS");

        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Register_WhenCommitFailsForAnotherReason_LetsTheExceptionThrough()
    {
        _ports.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>())
            .Returns(_ => Task.FromException(new InvalidOperationException("database down")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Register());
    }
}
