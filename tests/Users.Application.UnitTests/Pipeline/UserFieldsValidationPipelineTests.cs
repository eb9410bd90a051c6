using MediatR;
using NSubstitute;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Application.Users.Commands.CreateUser;
using Users.Application.Users.Commands.UpdateUser;
using Users.Domain.Common;

namespace Users.Application.UnitTests.Pipeline;

/// <summary>
/// The rules shared by the create and update commands (<see cref="UserFieldsValidator"/>, included by both
/// validators) and the update's own, through the mediator: a field that cannot be cleared refuses <c>null</c>.
/// </summary>
public sealed class UserFieldsValidationPipelineTests : IDisposable
{
    private readonly ApplicationHost _host = new();

    public void Dispose() => _host.Dispose();

    private async Task<IReadOnlyList<FieldFailure>> Failures(IRequest<Result<UserRead>> request)
    {
        var result = await _host.Mediator.Send(request);

        Assert.False(result.IsSuccess, "expected a validation failure");
        var error = Assert.IsType<ValidationError>(result.Error);
        Assert.Empty(_host.Ports.Users.ReceivedCalls());
        _host.Ports.ReceivedNoCommit();
        return error.Failures;
    }

    private static T WithNullFlag<T>(T fields, string flag)
        where T : UserFields
    {
        var none = OptionalValue.Of<bool?>(null);
        return (T)(flag switch
        {
            "is_active" => fields with { IsActive = none },
            "is_superuser" => fields with { IsSuperuser = none },
            "is_verified" => fields with { IsVerified = none },
            _ => throw new ArgumentOutOfRangeException(nameof(flag)),
        });
    }

    private static void AssertNotNullFailure(FieldFailure failure, string field)
    {
        Assert.Equal(["body", field], failure.Location);
        Assert.Equal("string_type", failure.Type);
        Assert.Equal("Input should not be null", failure.Message);
    }

    [Theory]
    [InlineData("is_active")]
    [InlineData("is_superuser")]
    [InlineData("is_verified")]
    public async Task CreateUser_WithNullFlag_FailsStringTypeAtThatFlag(string flag)
    {
        var command = WithNullFlag(new CreateUserCommand { Email = "root@example.com", Password = "correct horse battery" }, flag);

        AssertNotNullFailure(Assert.Single(await Failures(command)), flag);
    }

    [Theory]
    [InlineData("is_active")]
    [InlineData("is_superuser")]
    [InlineData("is_verified")]
    public async Task UpdateUser_WithNullFlag_FailsStringTypeAtThatFlag(string flag)
    {
        var command = WithNullFlag(new UpdateUserCommand { Id = Guid.NewGuid(), IsSuperuser = true }, flag);

        AssertNotNullFailure(Assert.Single(await Failures(command)), flag);
    }

    [Fact]
    public async Task UpdateUser_WithNullEmail_FailsStringTypeAtBodyEmailOnly()
    {
        var command = new UpdateUserCommand { Id = Guid.NewGuid(), Email = OptionalValue.Of<string?>(null) };

        AssertNotNullFailure(Assert.Single(await Failures(command)), "email");
    }

    [Fact]
    public async Task UpdateUser_WithEveryUnclearableFieldNull_ReportsEachInOrder()
    {
        var none = OptionalValue.Of<bool?>(null);
        var command = new UpdateUserCommand { Id = Guid.NewGuid(), Email = OptionalValue.Of<string?>(null), IsActive = none, IsSuperuser = none, IsVerified = none };

        var failures = await Failures(command);

        Assert.Equal(["email", "is_active", "is_superuser", "is_verified"], failures.Select(f => f.Location[1]));
        Assert.All(failures, f => Assert.Equal("string_type", f.Type));
    }

    [Fact]
    public async Task UpdateUser_WithNullPassword_IsValidAndReachesTheHandler()
    {
        // A null password means "unchanged", as an absent one.
        var result = await _host.Mediator.Send(new UpdateUserCommand { Id = Guid.NewGuid(), Password = OptionalValue.Of<string?>(null) });

        ResultAssert.Failed(result, "Not Found");
        await _host.Ports.Users.ReceivedWithAnyArgs(1).GetByIdAsync(default, default);
    }

    [Fact]
    public async Task UpdateUser_WithNothingSet_IsValidAndReachesTheHandler()
    {
        var result = await _host.Mediator.Send(new UpdateUserCommand { Id = Guid.NewGuid() });

        ResultAssert.Failed(result, "Not Found");
    }

    [Fact]
    public async Task CreateUser_WithEveryFlagSet_IsValidAndCreatesTheUser()
    {
        var command = new CreateUserCommand { Email = "root@example.com", Password = "correct horse battery", IsActive = true, IsSuperuser = true, IsVerified = true };

        var read = ResultAssert.Succeeded(await _host.Mediator.Send(command));

        Assert.Equal((true, true, true), (read.IsActive, read.IsSuperuser, read.IsVerified));
        _host.Ports.ReceivedOneCommit();
    }
}
