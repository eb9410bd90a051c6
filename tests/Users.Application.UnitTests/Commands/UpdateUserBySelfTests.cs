using NSubstitute;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users.Commands.UpdateUser;
using Users.Domain.Users;
using Users.TestSupport;

namespace Users.Application.UnitTests.Commands;

/// <summary><c>PATCH /users/me</c>: the caller changes themselves (<see cref="UpdateUserCommand.BySelf"/>).</summary>
public sealed class UpdateUserBySelfTests
{
    private readonly Ports _ports = new();

    [Fact]
    public async Task BySelf_IgnoresEveryFlag_EvenWhenSet()
    {
        var user = new UserBuilder().Build();
        _ports.Store(user);

        var result = await UpdateUserHandler.Handle(_ports, new UpdateUserCommand
        {
            Id = user.Id,
            BySelf = true,
            IsActive = false,
            IsSuperuser = true,
            IsVerified = true,
        });

        Assert.True(result.IsSuccess);
        Assert.True(user.IsActive);
        Assert.False(user.IsSuperuser);
        Assert.False(user.IsVerified);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task BySelf_WhenTheCallerWasDeletedMeanwhile_IsUnauthorized()
    {
        var result = await UpdateUserHandler.Handle(_ports, new UpdateUserCommand { Id = Guid.NewGuid(), BySelf = true, Password = "New-Passphrase-77" });

        ResultAssert.Failed(result, UserErrors.Unauthorized.Code);
        _ = _ports.Hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, default);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task BySelf_WhenTheCallerWasDeactivatedMeanwhile_IsUnauthorized_AndChangesNothing()
    {
        var user = new UserBuilder().Inactive().Build();
        _ports.Store(user);

        var result = await UpdateUserHandler.Handle(_ports, new UpdateUserCommand { Id = user.Id, BySelf = true, Email = "moved@example.com" });

        ResultAssert.Failed(result, UserErrors.Unauthorized.Code);
        Assert.Equal(UserBuilder.DefaultEmail, user.Email);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task BySelf_ChangesTheCallersOwnAddress()
    {
        var user = new UserBuilder().Build();
        _ports.Store(user);

        var result = await UpdateUserHandler.Handle(_ports, new UpdateUserCommand { Id = user.Id, BySelf = true, Email = "moved@example.com" });

        Assert.True(result.IsSuccess);
        Assert.Equal("moved@example.com", result.Value.Email);
        _ports.ReceivedOneCommit();
    }
}
