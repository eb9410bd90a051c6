using System.Threading.Channels;
using Users.Application.Abstractions.Mail;
using Users.Infrastructure.Mail;

namespace Users.Infrastructure.UnitTests.Mail;

/// <summary>
/// Records every delivery attempt and answers it as the test says (by default: delivered). Tests wait for
/// attempts with a bound, never with a sleep.
/// </summary>
internal sealed class FakeEmailTransport : IEmailTransport
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    private readonly Func<EmailMessage, int, CancellationToken, Task> _answer;
    private readonly Channel<EmailMessage> _attempts = Channel.CreateUnbounded<EmailMessage>();
    private readonly List<EmailMessage> _delivered = [];
    private int _attemptCount;

    /// <param name="answer">Given the message and the attempt number (over all messages, from 1); throw to fail.</param>
    public FakeEmailTransport(Func<EmailMessage, int, CancellationToken, Task>? answer = null)
    {
        _answer = answer ?? ((_, _, _) => Task.CompletedTask);
    }

    public int AttemptCount => Volatile.Read(ref _attemptCount);

    public IReadOnlyList<EmailMessage> Delivered
    {
        get
        {
            lock (_delivered)
            {
                return [.. _delivered];
            }
        }
    }

    public static FakeEmailTransport FailingFirst(int failures, string error = "451 Temporary failure, try again") =>
        new((_, attempt, _) => attempt <= failures ? Task.FromException(new InvalidOperationException(error)) : Task.CompletedTask);

    public static FakeEmailTransport AlwaysFailing(string error) =>
        new((_, _, _) => Task.FromException(new InvalidOperationException(error)));

    public async Task DeliverAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attemptCount);
        _attempts.Writer.TryWrite(message);
        await _answer(message, attempt, cancellationToken);
        lock (_delivered)
        {
            _delivered.Add(message);
        }
    }

    /// <summary>Waits for the next attempt to start.</summary>
    public async Task<EmailMessage> NextAttemptAsync()
    {
        using var timeout = new CancellationTokenSource(WaitLimit);
        return await _attempts.Reader.ReadAsync(timeout.Token);
    }
}
