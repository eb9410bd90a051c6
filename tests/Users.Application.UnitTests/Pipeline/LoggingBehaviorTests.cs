using Microsoft.Extensions.Logging;
using Users.Application.Common.Behaviors;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Application.Users.Commands.CreateUser;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.UnitTests.Pipeline;

public sealed class LoggingBehaviorTests
{
    private static readonly CreateUserCommand Command = new() { Email = "bob@example.com", Password = "secret-passphrase-value" };

    private static readonly UserRead Read = new() { Id = Guid.CreateVersion7(), Email = "bob@example.com", IsActive = true, IsSuperuser = false, IsVerified = false };

    private static Task<Result<UserRead>> Run(RecordingLogger<LoggingBehavior<CreateUserCommand, Result<UserRead>>> logger, Result<UserRead> outcome) =>
        new LoggingBehavior<CreateUserCommand, Result<UserRead>>(logger).Handle(Command, CancellationToken.None, () => Task.FromResult(outcome));

    [Fact]
    public async Task Success_AtInformation_LogsNothing()
    {
        var logger = new RecordingLogger<LoggingBehavior<CreateUserCommand, Result<UserRead>>> { MinimumLevel = LogLevel.Information };

        await Run(logger, Read);

        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task Success_AtDebug_LogsTheRequestNameAndDuration()
    {
        var logger = new RecordingLogger<LoggingBehavior<CreateUserCommand, Result<UserRead>>> { MinimumLevel = LogLevel.Debug };

        await Run(logger, Read);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Contains(nameof(CreateUserCommand), entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failure_LogsTheCodeAtInformationAndNeverTheRequest()
    {
        var logger = new RecordingLogger<LoggingBehavior<CreateUserCommand, Result<UserRead>>> { MinimumLevel = LogLevel.Information };

        var result = await Run(logger, UserErrors.RegisterUserAlreadyExists);

        Assert.False(result.IsSuccess);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains("REGISTER_USER_ALREADY_EXISTS", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-passphrase-value", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bob@example.com", entry.Message, StringComparison.Ordinal);
    }
}
