using Microsoft.Extensions.Logging;
using Users.Application.Common.Behaviors;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Application.Users.Commands.RegisterUser;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.UnitTests.Pipeline;

public sealed class LoggingBehaviorTests
{
    private static readonly RegisterUserCommand Command = new("bob@example.com", "secret-passphrase-value");

    private static Task<Result<UserRead>> Run(RecordingLogger<LoggingBehavior<RegisterUserCommand, Result<UserRead>>> logger, Result<UserRead> outcome) =>
        new LoggingBehavior<RegisterUserCommand, Result<UserRead>>(logger).Handle(Command, CancellationToken.None, () => Task.FromResult(outcome));

    [Fact]
    public async Task Success_AtInformation_LogsNothing()
    {
        var logger = new RecordingLogger<LoggingBehavior<RegisterUserCommand, Result<UserRead>>> { MinimumLevel = LogLevel.Information };

        await Run(logger, new UserRead(Guid.NewGuid(), "bob@example.com", true, false, false));

        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task Success_AtDebug_LogsTheRequestNameAndDuration()
    {
        var logger = new RecordingLogger<LoggingBehavior<RegisterUserCommand, Result<UserRead>>> { MinimumLevel = LogLevel.Debug };

        await Run(logger, new UserRead(Guid.NewGuid(), "bob@example.com", true, false, false));

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Contains(nameof(RegisterUserCommand), entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failure_LogsTheCodeAtInformationAndNeverTheRequest()
    {
        var logger = new RecordingLogger<LoggingBehavior<RegisterUserCommand, Result<UserRead>>> { MinimumLevel = LogLevel.Information };

        var result = await Run(logger, UserErrors.RegisterUserAlreadyExists);

        Assert.False(result.IsSuccess);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains("REGISTER_USER_ALREADY_EXISTS", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-passphrase-value", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bob@example.com", entry.Message, StringComparison.Ordinal);
    }
}
