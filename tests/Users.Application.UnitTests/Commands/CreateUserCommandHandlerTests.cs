using NSubstitute;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Application.Users.Commands.CreateUser;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.Commands;

public sealed class CreateUserCommandHandlerTests
{
    private readonly Ports _ports = new();
    private User? _added;

    public CreateUserCommandHandlerTests() => _ports.Users.Add(Arg.Do<User>(u => _added = u));

    private Task<Result<UserRead>> Create(CreateUserCommand command) =>
        new CreateUserCommandHandler(_ports.Creator()).Handle(command, CancellationToken.None);

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(true, true, true)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public async Task Create_WithFlags_AddsUserWithTheFlagsAsAskedAndCommitsOnce(bool isActive, bool isSuperuser, bool isVerified)
    {
        var read = ResultAssert.Succeeded(await Create(new CreateUserCommand("root@example.com", "s3cret-passphrase", isActive, isSuperuser, isVerified)));

        Assert.NotNull(_added);
        Assert.Equal((isActive, isSuperuser, isVerified), (_added.IsActive, _added.IsSuperuser, _added.IsVerified));
        Assert.Equal(Ports.HashOf("s3cret-passphrase"), _added.HashedPassword);
        Assert.Equal(new UserRead(_added.Id, "root@example.com", isActive, isSuperuser, isVerified), read);
        Assert.Single(_added.DomainEvents.OfType<UserRegistered>());
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Create_WhenPolicyRejectsPassword_ReturnsRegisterInvalidPasswordBeforeExistenceCheck()
    {
        _ports.RejectAnyPassword("Password is too common; choose one that is harder to guess.");

        var error = ResultAssert.Failed(await Create(new CreateUserCommand("root@example.com", "password", IsSuperuser: true)), "REGISTER_INVALID_PASSWORD");

        Assert.Equal("Password is too common; choose one that is harder to guess.", error.Reason);
        await _ports.Users.DidNotReceiveWithAnyArgs().ExistsByNormalizedEmailAsync(default!, default);
        _ports.Users.DidNotReceiveWithAnyArgs().Add(default!);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Create_WhenEmailTakenInOtherCase_ReturnsAlreadyExistsAndDoesNotCommit()
    {
        _ports.TakeEmail("root@example.com");

        ResultAssert.Failed(await Create(new CreateUserCommand("Root@EXAMPLE.com", "s3cret-passphrase")), "REGISTER_USER_ALREADY_EXISTS");

        _ports.Users.DidNotReceiveWithAnyArgs().Add(default!);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task Create_WhenCommitLosesRaceForTheAddress_ReturnsAlreadyExists()
    {
        _ports.LoseCommitRace();

        ResultAssert.Failed(await Create(new CreateUserCommand("root@example.com", "s3cret-passphrase")), "REGISTER_USER_ALREADY_EXISTS");
    }
}
