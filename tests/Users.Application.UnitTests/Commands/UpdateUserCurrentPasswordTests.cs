using NSubstitute;
using Users.Application.Abstractions.Security;
using Users.Application.Settings;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users.Commands.UpdateUser;
using Users.Domain.Users;
using Users.TestSupport;

namespace Users.Application.UnitTests.Commands;

/// <summary><c>Auth:RequireCurrentPassword</c>: a user changing their own password or address proves the current one first.</summary>
public sealed class UpdateUserCurrentPasswordTests
{
    private const string Current = "current-passphrase";

    private static readonly UserManagementOptions Required = new() { RequireCurrentPassword = true };

    private readonly Ports _ports = new();
    private readonly User _user;

    public UpdateUserCurrentPasswordTests()
    {
        _user = _ports.Store(new UserBuilder().WithPasswordHash(Ports.HashOf(Current)));
        _ports.Hasher.VerifyAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(call => call.ArgAt<string>(0) == Ports.HashOf(call.ArgAt<string>(1)) ? PasswordVerification.Success : PasswordVerification.Failed);
    }

    public static TheoryData<string?> MissingOrWrong => new() { null, "", "wrong-passphrase" };

    [Theory]
    [MemberData(nameof(MissingOrWrong))]
    public async Task NewPassword_WithoutTheRightCurrentPassword_IsRefused_BeforeThePolicy(string? currentPassword)
    {
        var result = await Update(new() { Id = _user.Id, BySelf = true, Password = "Next-Passphrase-1", CurrentPassword = currentPassword });

        ResultAssert.Failed(result, "UPDATE_USER_BAD_CURRENT_PASSWORD");
        await _ports.Policy.DidNotReceiveWithAnyArgs().CheckAsync(default!, default, default);
        _ports.ReceivedNoCommit();
    }

    [Theory]
    [MemberData(nameof(MissingOrWrong))]
    public async Task NewAddress_WithoutTheRightCurrentPassword_IsRefused_BeforeTheExistenceCheck(string? currentPassword)
    {
        var result = await Update(new() { Id = _user.Id, BySelf = true, Email = "elsewhere@example.com", CurrentPassword = currentPassword });

        ResultAssert.Failed(result, "UPDATE_USER_BAD_CURRENT_PASSWORD");
        await _ports.Users.DidNotReceiveWithAnyArgs().ExistsByNormalizedEmailAsync(default!, default);
        Assert.Equal(UserBuilder.DefaultEmail, _user.Email);
    }

    [Fact]
    public async Task AWrongCurrentPassword_IsCountedTowardTheLockout_AndARightOneClearsIt()
    {
        await Update(new() { Id = _user.Id, BySelf = true, Password = "Next-Passphrase-1", CurrentPassword = "wrong-passphrase" });
        await _ports.Throttle.Received(1).BeginAttemptAsync(_user.NormalizedEmail, Arg.Any<CancellationToken>());
        await _ports.Throttle.DidNotReceiveWithAnyArgs().ClearAsync(default!, default);

        await Update(new() { Id = _user.Id, BySelf = true, Password = "Next-Passphrase-1", CurrentPassword = Current });
        await _ports.Throttle.Received(1).ClearAsync(_user.NormalizedEmail, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task WhileTheAddressIsLocked_EvenTheRightCurrentPassword_IsNotChecked()
    {
        _ports.LockAddress(_user.NormalizedEmail, TimeSpan.FromSeconds(30));

        var error = ResultAssert.Failed(
            await Update(new() { Id = _user.Id, BySelf = true, Password = "Next-Passphrase-1", CurrentPassword = Current }), "LOGIN_LOCKED");

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        _ = _ports.Hasher.DidNotReceiveWithAnyArgs().VerifyAsync(default!, default!, default);
        _ports.ReceivedNoCommit();
    }

    [Fact]
    public async Task NewPasswordAndAddress_WithTheRightCurrentPassword_AreApplied()
    {
        var read = ResultAssert.Succeeded(await Update(new()
        {
            Id = _user.Id,
            BySelf = true,
            Email = "elsewhere@example.com",
            Password = "Next-Passphrase-1",
            CurrentPassword = Current,
        }));

        Assert.Equal("elsewhere@example.com", read.Email);
        Assert.Equal(Ports.HashOf("Next-Passphrase-1"), _user.HashedPassword);
        _ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task ReCasingTheAddress_NeedsNoCurrentPassword()
    {
        var read = ResultAssert.Succeeded(await Update(new() { Id = _user.Id, BySelf = true, Email = "Alice@Example.com" }));

        Assert.Equal("Alice@example.com", read.Email);
    }

    [Fact]
    public async Task WhenNotRequired_OrForASuperuserChangingAnother_NoCurrentPasswordIsAsked()
    {
        ResultAssert.Succeeded(await Update(new() { Id = _user.Id, BySelf = true, Password = "Next-Passphrase-1" }, new UserManagementOptions()));
        ResultAssert.Succeeded(await Update(new() { Id = _user.Id, Password = "Other-Passphrase-2" }));
    }

    private Task<Domain.Common.Result<Users.UserRead>> Update(UpdateUserCommand command, UserManagementOptions? options = null) =>
        UpdateUserHandler.Handle(_ports, command, options ?? Required);
}
