using Microsoft.Extensions.Logging;
using Users.Application.Abstractions.Mail;
using Users.Infrastructure.Mail;
using Users.Infrastructure.UnitTests.TestDoubles;

namespace Users.Infrastructure.UnitTests.Mail;

public sealed class QueuedEmailSenderTests
{
    private static readonly EmailMessage Message = new("jane@example.org", "Verify your email", "token=abc");

    [Fact]
    public async Task Send_QueuesTheMessageAndReturnsAtOnce()
    {
        var queue = new EmailQueue(10);
        var logger = new CapturingLogger<QueuedEmailSender>();

        var sending = new QueuedEmailSender(queue, logger).SendAsync(Message, CancellationToken.None);

        Assert.True(sending.IsCompletedSuccessfully);
        await sending;
        Assert.Equal(1, queue.Count);
        Assert.True(queue.Reader.TryRead(out var queued));
        Assert.Same(Message, queued);
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task Send_WithTheRequestAlreadyCancelled_StillQueues()
    {
        var queue = new EmailQueue(10);

        await new QueuedEmailSender(queue, new CapturingLogger<QueuedEmailSender>()).SendAsync(Message, new CancellationToken(canceled: true));

        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task Send_WhenTheQueueIsFull_LogsAnErrorAndDropsWithoutThrowingOrWaiting()
    {
        var queue = new EmailQueue(2);
        var logger = new CapturingLogger<QueuedEmailSender>();
        var sender = new QueuedEmailSender(queue, logger);
        await sender.SendAsync(Message, CancellationToken.None);
        await sender.SendAsync(Message, CancellationToken.None);

        var sending = sender.SendAsync(Message with { Subject = "One too many" }, CancellationToken.None);

        Assert.True(sending.IsCompletedSuccessfully);
        Assert.Equal(2, queue.Count);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains("queue is full (2 emails waiting)", entry.Message, StringComparison.Ordinal);
        Assert.Contains("'One too many' was dropped", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("jane", entry.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("jane@example.org\r\nBcc: everyone@example.org")]
    [InlineData("")]
    public async Task Send_ToAnUnusableRecipient_LogsAnErrorAndDropsWithoutThrowing(string to)
    {
        var queue = new EmailQueue(10);
        var logger = new CapturingLogger<QueuedEmailSender>();

        await new QueuedEmailSender(queue, logger).SendAsync(Message with { To = to }, CancellationToken.None);

        Assert.Equal(0, queue.Count);
        Assert.Equal(LogLevel.Error, Assert.Single(logger.Entries).Level);
    }
}
