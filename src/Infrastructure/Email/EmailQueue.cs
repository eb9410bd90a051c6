using System.Threading.Channels;
using Users.Application.Abstractions.Mail;

namespace Users.Infrastructure.Mail;

/// <summary>
/// The bounded in-memory queue between <see cref="QueuedEmailSender"/> (many writers, never waiting) and
/// <see cref="EmailDeliveryService"/> (the one reader). Mails still queued when the process dies are lost;
/// a clean shutdown delivers them first.
/// </summary>
public sealed class EmailQueue
{
    private readonly Channel<EmailMessage> _channel;
    private volatile bool _completed;

    internal EmailQueue(int capacity)
    {
        Capacity = capacity;
        _channel = Channel.CreateBounded<EmailMessage>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.Wait, // with TryWrite: "full" is reported, never waited for
                SingleReader = true,
                SingleWriter = false,
            });
    }

    internal enum EnqueueResult
    {
        Queued,
        Full,
        Closed,
    }

    public int Capacity { get; }

    /// <summary>Mails waiting, not counting one being delivered.</summary>
    public int Count => _channel.Reader.Count;

    internal ChannelReader<EmailMessage> Reader => _channel.Reader;

    internal EnqueueResult TryEnqueue(EmailMessage message)
    {
        if (_channel.Writer.TryWrite(message))
        {
            return EnqueueResult.Queued;
        }

        return _completed ? EnqueueResult.Closed : EnqueueResult.Full;
    }

    /// <summary>Takes no more mails; the reader finishes once the queue is empty.</summary>
    internal void Complete()
    {
        _completed = true;
        _channel.Writer.TryComplete();
    }
}
