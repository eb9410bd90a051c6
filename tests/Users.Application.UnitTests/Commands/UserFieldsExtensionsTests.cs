using Users.Application.Users;
using Users.Application.Users.Commands.CreateUser;
using Users.Application.Users.Commands.UpdateUser;

namespace Users.Application.UnitTests.Commands;

/// <summary><see cref="UserFieldsExtensions.WithoutFlags{T}"/>: what registration and <c>PATCH /users/me</c> let a user set on themselves.</summary>
public sealed class UserFieldsExtensionsTests
{
    [Fact]
    public void WithoutFlags_OnACreateCommand_UnsetsEveryFlagAndKeepsTheAddressAndPassword()
    {
        var command = new CreateUserCommand { Email = "bob@example.com", Password = "pw", IsActive = false, IsSuperuser = true, IsVerified = true };

        var safe = command.WithoutFlags();

        Assert.Equal(new CreateUserCommand { Email = "bob@example.com", Password = "pw" }, safe);
        Assert.False(safe.IsActive.IsSet || safe.IsSuperuser.IsSet || safe.IsVerified.IsSet);
    }

    [Fact]
    public void WithoutFlags_OnAnUpdateCommand_UnsetsEveryFlagAndKeepsTheIdAddressAndPassword()
    {
        var id = Guid.CreateVersion7();
        var command = new UpdateUserCommand { Id = id, Email = "bob@example.com", Password = "pw", IsActive = false, IsSuperuser = true, IsVerified = true };

        var safe = command.WithoutFlags();

        Assert.Equal(new UpdateUserCommand { Id = id, Email = "bob@example.com", Password = "pw" }, safe);
    }

    [Fact]
    public void WithoutFlags_WithNoFlagSet_ReturnsAnEqualCommand()
    {
        var command = new UpdateUserCommand { Id = Guid.CreateVersion7(), Email = "bob@example.com" };

        Assert.Equal(command, command.WithoutFlags());
    }
}
