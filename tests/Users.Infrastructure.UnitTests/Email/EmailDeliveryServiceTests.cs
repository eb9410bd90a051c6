using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Mail;
using Users.Infrastructure.Mail;
using Users.Infrastructure.UnitTests.TestDoubles;

namespace Users.Infrastructure.UnitTests.Mail;

public sealed class EmailDeliveryServiceTests
{
    private const string Address = "jane.doe@example.org";
    private const string SecretToken = "eyJhbGciOiJIUzI1NiJ9.secret-token-value.sig";

    private static readonly EmailMessage Message =
        new(Address, "Reset your password", $"Open https://users.example.com/reset-password?token={SecretToken}");

    [Fact]
    public async Task TransientFailure_ThenSuccess_DeliversOnceAndLogsAWarning()
    {
        await using var harness = new Harness(FakeEmailTransport.FailingFirst(1), maxAttempts: 5, retryDelaySeconds: 2);
        await harness.StartAsync();

        await harness.Sender.SendAsync(Message, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(2), await harness.Time.FireNextTimerAsync());
        await harness.StopAsync();

        Assert.Equal(2, harness.Transport.AttemptCount);
        Assert.Equal([Message], harness.Transport.Delivered);
        var warning = Assert.Single(harness.Log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("'Reset your password'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("attempt 1 of 5", warning.Message, StringComparison.Ordinal);
        Assert.Contains("example.org", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Log.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task PermanentFailure_TriesMaxAttemptsWithDoublingDelays_ThenLogsOneErrorWithoutBodyOrAddress()
    {
        // Servers quote the recipient in their answers; that must not reach the log either.
        var transport = FakeEmailTransport.AlwaysFailing($"550 5.1.1 <{Address}>: Recipient address rejected; also cc <other@example.net>");
        await using var harness = new Harness(transport, maxAttempts: 4, retryDelaySeconds: 3);
        await harness.StartAsync();

        await harness.Sender.SendAsync(Message, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(3), await harness.Time.FireNextTimerAsync());
        Assert.Equal(TimeSpan.FromSeconds(6), await harness.Time.FireNextTimerAsync());
        Assert.Equal(TimeSpan.FromSeconds(12), await harness.Time.FireNextTimerAsync());
        await harness.StopAsync();

        Assert.Equal(4, transport.AttemptCount);
        Assert.Empty(transport.Delivered);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(12)], harness.Time.RequestedDelays);
        Assert.Equal(3, harness.Log.Entries.Count(e => e.Level == LogLevel.Warning));
        var error = Assert.Single(harness.Log.Entries, e => e.Level >= LogLevel.Error);
        Assert.Contains("'Reset your password'", error.Message, StringComparison.Ordinal);
        Assert.Contains("4 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("550 5.1.1", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Exception);
        Assert.All(harness.Log.Entries, e =>
        {
            Assert.DoesNotContain(SecretToken, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("jane.doe", e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("other@", e.Message, StringComparison.Ordinal);
            Assert.Null(e.Exception);
        });
    }

    [Fact]
    public async Task ZeroRetryDelay_RetriesWithoutWaiting()
    {
        var transport = FakeEmailTransport.AlwaysFailing("down");
        await using var harness = new Harness(transport, maxAttempts: 3, retryDelaySeconds: 0);
        await harness.StartAsync();

        await harness.Sender.SendAsync(Message, CancellationToken.None);
        await harness.StopAsync();

        Assert.Equal(3, transport.AttemptCount);
        Assert.Empty(harness.Time.RequestedDelays);
        Assert.Single(harness.Log.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task MaxAttemptsOne_DoesNotRetry()
    {
        var transport = FakeEmailTransport.AlwaysFailing("down");
        await using var harness = new Harness(transport, maxAttempts: 1, retryDelaySeconds: 2);
        await harness.StartAsync();

        await harness.Sender.SendAsync(Message, CancellationToken.None);
        await harness.StopAsync();

        Assert.Equal(1, transport.AttemptCount);
        Assert.DoesNotContain(harness.Log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Single(harness.Log.Entries, e => e.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData(2, 1, 2)]
    [InlineData(2, 2, 4)]
    [InlineData(2, 4, 16)]
    [InlineData(2, 8, 256)]
    [InlineData(2, 9, 300)] // 512 s capped at five minutes
    [InlineData(2, 1000, 300)]
    [InlineData(400, 1, 300)]
    [InlineData(0, 5, 0)]
    public void RetryDelay_DoublesFromTheSettingAndIsCappedAtFiveMinutes(int retryDelaySeconds, int failedAttempt, int expectedSeconds)
    {
        var delay = EmailDeliveryService.RetryDelay(failedAttempt, new EmailOptions { RetryDelaySeconds = retryDelaySeconds });

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    [Fact]
    public async Task AFailingMessage_DoesNotLoseTheOnesBehindIt()
    {
        var transport = new FakeEmailTransport((m, _, _) =>
            m.Subject == "bad" ? Task.FromException(new InvalidOperationException("refused")) : Task.CompletedTask);
        await using var harness = new Harness(transport, maxAttempts: 2, retryDelaySeconds: 1);
        await harness.StartAsync();

        await harness.Sender.SendAsync(Message with { Subject = "bad" }, CancellationToken.None);
        await harness.Sender.SendAsync(Message with { Subject = "good 1" }, CancellationToken.None);
        await harness.Sender.SendAsync(Message with { Subject = "good 2" }, CancellationToken.None);
        await harness.Time.FireNextTimerAsync();
        await harness.StopAsync();

        Assert.Equal(["good 1", "good 2"], harness.Transport.Delivered.Select(m => m.Subject));
    }

    [Fact]
    public async Task Shutdown_DeliversWhatIsQueuedBeforeStopping()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var transport = new FakeEmailTransport((_, attempt, _) => attempt == 1 ? release.Task : Task.CompletedTask);
        await using var harness = new Harness(transport, maxAttempts: 5, retryDelaySeconds: 2);
        await harness.StartAsync();
        for (var i = 1; i <= 3; i++)
        {
            await harness.Sender.SendAsync(Message with { Subject = $"Mail {i}" }, CancellationToken.None);
        }

        await transport.NextAttemptAsync(); // the first is on its way and stuck; the others go out beside it
        var stopping = harness.Service.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        await harness.Sender.SendAsync(Message with { Subject = "Too late" }, CancellationToken.None);
        release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["Mail 1", "Mail 2", "Mail 3"], transport.Delivered.Select(m => m.Subject).Order(StringComparer.Ordinal));
        var dropped = Assert.Single(harness.SenderLog.Entries);
        Assert.Equal(LogLevel.Error, dropped.Level);
        Assert.Contains("'Too late' was dropped", dropped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMailWaitingOutItsRetries_DoesNotHoldUpTheNextOne()
    {
        var failingAttempts = 0;
        var fineAttempted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var transport = new FakeEmailTransport((message, _, _) =>
        {
            if (message.Subject == "Failing")
            {
                Interlocked.Increment(ref failingAttempts);
                return Task.FromException(new IOException("mailbox unavailable"));
            }

            fineAttempted.TrySetResult();
            return Task.CompletedTask;
        });
        await using var harness = new Harness(transport, maxAttempts: 5, retryDelaySeconds: 2);
        await harness.StartAsync();

        await harness.Sender.SendAsync(Message with { Subject = "Failing" }, CancellationToken.None);
        await harness.Sender.SendAsync(Message with { Subject = "Fine" }, CancellationToken.None);

        // The clock is never advanced, so the failing mail is still in its first retry delay when the other goes out.
        await fineAttempted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, Volatile.Read(ref failingAttempts));
    }

    [Fact]
    public async Task Shutdown_WhenTheHostStopsWaiting_AbortsAndLogsWhatWasNotDelivered()
    {
        var transport = new FakeEmailTransport((_, _, ct) => Task.Delay(Timeout.Infinite, ct)); // a server that never answers
        await using var harness = new Harness(transport, maxAttempts: 5, retryDelaySeconds: 2);
        await harness.StartAsync();
        await harness.Sender.SendAsync(Message, CancellationToken.None);
        await harness.Sender.SendAsync(Message with { Subject = "Second" }, CancellationToken.None);
        await transport.NextAttemptAsync();

        await harness.Service.StopAsync(new CancellationToken(canceled: true)).WaitAsync(TimeSpan.FromSeconds(10));
        await harness.Service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(transport.Delivered);
        var error = Assert.Single(harness.Log.Entries, e => e.Level >= LogLevel.Error);
        Assert.Contains("2 email(s) undelivered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_AreDeliveredInTheOrderSent()
    {
        var transport = new FakeEmailTransport();
        await using var harness = new Harness(transport, maxAttempts: 5, retryDelaySeconds: 2);
        await harness.StartAsync();

        var subjects = Enumerable.Range(1, 20).Select(i => $"Mail {i}").ToList();
        foreach (var subject in subjects)
        {
            await harness.Sender.SendAsync(Message with { Subject = subject }, CancellationToken.None);
        }

        await harness.StopAsync();

        Assert.Equal(subjects, transport.Delivered.Select(m => m.Subject));
        Assert.DoesNotContain(harness.Log.Entries, e => e.Level >= LogLevel.Warning);
    }

    private sealed class Harness : IAsyncDisposable
    {
        public Harness(FakeEmailTransport transport, int maxAttempts, int retryDelaySeconds, int queueCapacity = 100)
        {
            Transport = transport;
            Queue = new EmailQueue(queueCapacity);
            Sender = new QueuedEmailSender(Queue, SenderLog);
            var options = Options.Create(new EmailOptions { MaxAttempts = maxAttempts, RetryDelaySeconds = retryDelaySeconds, QueueCapacity = queueCapacity });
            Service = new EmailDeliveryService(Queue, transport, options, Time, Log);
        }

        public TimerTrackingFakeTimeProvider Time { get; } = new();

        public FakeEmailTransport Transport { get; }

        public EmailQueue Queue { get; }

        public QueuedEmailSender Sender { get; }

        public EmailDeliveryService Service { get; }

        public CapturingLogger<EmailDeliveryService> Log { get; } = new();

        public CapturingLogger<QueuedEmailSender> SenderLog { get; } = new();

        public Task StartAsync() => Service.StartAsync(CancellationToken.None);

        /// <summary>Stops gracefully: returns once everything queued has been dealt with.</summary>
        public Task StopAsync() => Service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        public async ValueTask DisposeAsync()
        {
            await Service.StopAsync(new CancellationToken(canceled: true));
            Service.Dispose();
        }
    }
}
