using NSubstitute;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Application.Users.Commands.CreateUser;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.Commands;

/// <summary>
/// Registration (<c>POST /auth/register</c>: the request's flags dropped, so none is set) and the command line (flags
/// as asked): one handler, the same rules and codes.
/// </summary>
public sealed class CreateUserCommandHandlerTests
{
    private const string Password = "correct horse battery";

    private readonly Ports _ports = new();
    private User? _added;

    public CreateUserCommandHandlerTests() => _ports.Users.Add(Arg.Do<User>(u => _added = u));

    private Task<Result<UserRead>> Create(CreateUserCommand command) =>
        new CreateUserCommandHandler(_ports.Users, _ports.UnitOfWork, _ports.Hasher, _ports.Policy, Ports.Mapper, _ports.Time)
            .Handle(command, CancellationToken.None);

    private Task<Result<UserRead>> Register(string email = "bob@example.com", string password = Password) =>
        Create(new CreateUserCommand { Email = email, Password = password });

    [Fact]
    public async Task Register_WithoutFlags_AddsActiveUnverifiedNonSuperuserWithHasherHashAndCommitsOnce()
    {
        var read = ResultAssert.Succeeded(await Register());

        Assert.NotNull(_added);
        Assert.Equal(Ports.HashOf(Password), _added.HashedPassword);
        Assert.True(_added.IsActive);
        Assert.False(_added.IsSuperuser);
        Assert.False(_added.IsVerified);
        Assert.Equal(_ports.Time.GetUtcNow(), _added.CreatedAt);
        _ports.ReceivedOneCommit();
        Assert.Equal(new UserRead { Id = _added.Id, Email = "bob@example.com", IsActive = true, IsSuperuser = false, IsVerified = false }, read);
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(true, true, true)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public async Task Create_WithEveryFlag_AddsUserWithTheFlagsAsAskedAndCommitsOnce(bool isActive, bool isSuperuser, bool isVerified)
    {
        var command = new CreateUserCommand
        {
            Email = "root@example.com",
            Password = "s3cret-passphrase",
            IsActive = isActive,
            IsSuperuser = isSuperuser,
            IsVerified = isVerified,
        };

        var read = ResultAssert.Succeeded(await Create(command));

        Assert.NotNull(_added);
        Assert.Equal((isActive, isSuperuser, isVerified), (_added.IsActive, _added.IsSuperuser, _added.IsVerified));
        Assert.Equal(Ports.HashOf("s3cret-passphrase"), _added.HashedPassword);
        Assert.Equal(new UserRead { Id = _added.Id, Email = "root@example.com", IsActive = isActive, IsSuperuser = isSuperuser, IsVerified = isVerified }, read);
        Assert.Single(_added.DomainEvents.OfType<UserRegistered>());
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Create_WithSomeFlagsUnsetOrNull_GivesThoseTheirDefaults()
    {
        // A null flag is refused by validation; should one reach the handler, it means "unset" as well.
        var command = new CreateUserCommand { Email = "root@example.com", Password = Password, IsSuperuser = true, IsActive = OptionalValue.Of<bool?>(null) };

        var read = ResultAssert.Succeeded(await Create(command));

        Assert.Equal((true, true, false), (read.IsActive, read.IsSuperuser, read.IsVerified));
        _ports.ReceivedOneCommit();
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
        Assert.Empty(_ports.Policy.ReceivedCalls());
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
        Assert.Equal("bob.smith@example.com", _added?.NormalizedEmail);
        await _ports.Users.Received(1).ExistsByNormalizedEmailAsync("bob.smith@example.com", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Register_GivesThePasswordPolicyThePasswordAndTheAddress()
    {
        await Register(email: "bob@example.com", password: Password);

        await _ports.Policy.Received(1).CheckAsync(Password, "bob@example.com", Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_WhenPolicyRejectsPassword_ReturnsRegisterInvalidPasswordWithReasonBeforeExistenceCheck(bool isSuperuser)
    {
        _ports.RejectAnyPassword("Password should be at least 8 characters.");
        _ports.TakeEmail("bob@example.com");
        var command = new CreateUserCommand { Email = "bob@example.com", Password = "short", IsSuperuser = isSuperuser };

        var error = ResultAssert.Failed(await Create(command), "REGISTER_INVALID_PASSWORD");

        Assert.Equal("Password should be at least 8 characters.", error.Reason);
        Assert.Equal(ErrorKind.Failure, error.Kind);
        await _ports.Users.DidNotReceiveWithAnyArgs().ExistsByNormalizedEmailAsync(default!, default);
        _ports.Users.DidNotReceiveWithAnyArgs().Add(default!);
        _ = _ports.Hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, default);
        _ports.ReceivedNoCommit();
    }

    [Theory]
    [InlineData("BOB@Example.com", false)]
    [InlineData("Bob@EXAMPLE.com", true)]
    public async Task Create_WhenEmailTakenInOtherCase_ReturnsAlreadyExistsAndDoesNotCommit(string email, bool isSuperuser)
    {
        _ports.TakeEmail("bob@example.com");

        var result = await Create(new CreateUserCommand { Email = email, Password = Password, IsSuperuser = isSuperuser });

        ResultAssert.Failed(result, "REGISTER_USER_ALREADY_EXISTS");
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
