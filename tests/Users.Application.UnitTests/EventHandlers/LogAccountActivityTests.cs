using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users.EventHandlers;
using Users.Domain.Common;
using Users.Domain.Users.Events;

namespace Users.Application.UnitTests.EventHandlers;

public sealed class LogAccountActivityTests
{
    private const string Address = "Alice.Secret@example.com";
    private static readonly Guid UserId = Guid.CreateVersion7();

    private readonly RecordingLogger<LogAccountActivity> _logger = new();

    private static readonly string[] EventNames = ["registered", "verified", "password-reset", "deleted"];

    public static TheoryData<string> Events => new(EventNames);

    private static IDomainEvent Event(string name) => name switch
    {
        "registered" => new UserRegistered(UserId, Address),
        "verified" => new UserVerified(UserId, Address),
        "password-reset" => new PasswordReset(UserId),
        "deleted" => new UserDeleted(UserId, Address),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private Task Handle(IDomainEvent domainEvent)
    {
        var handler = new LogAccountActivity(_logger);
        return domainEvent switch
        {
            UserRegistered e => handler.Handle(e, CancellationToken.None),
            UserVerified e => handler.Handle(e, CancellationToken.None),
            PasswordReset e => handler.Handle(e, CancellationToken.None),
            UserDeleted e => handler.Handle(e, CancellationToken.None),
            _ => throw new ArgumentOutOfRangeException(nameof(domainEvent)),
        };
    }

    [Theory]
    [MemberData(nameof(Events))]
    public async Task Handle_LogsOneInformationLineWithTheUserIdAndNotTheAddress(string name)
    {
        await Handle(Event(name));

        var (level, message) = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Information, level);
        Assert.Contains(UserId.ToString(), message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_EachEventGetsItsOwnMessage()
    {
        foreach (var name in EventNames)
        {
            await Handle(Event(name));
        }

        Assert.Equal(4, _logger.Entries.Select(e => e.Message).Distinct().Count());
    }

    [Fact]
    public async Task Publish_ThroughTheRealPublisher_ReachesTheHookWithoutRegisteringItByHand()
    {
        using var host = new ApplicationHost(s => s.AddSingleton<ILogger<LogAccountActivity>>(_logger));

        await host.Events.PublishAsync(new UserDeleted(UserId, Address), CancellationToken.None);

        Assert.Contains(_logger.Entries, e => e.Message.Contains(UserId.ToString(), StringComparison.Ordinal));
    }
}
