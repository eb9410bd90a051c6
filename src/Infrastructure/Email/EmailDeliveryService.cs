using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Mail;

namespace Users.Infrastructure.Mail;

/// <summary>
/// Delivers the queued mails through the <see cref="IEmailTransport"/>, up to <see cref="MaxConcurrentDeliveries"/>
/// at a time so that one mail waiting out its retries does not hold up the others. A failed attempt is
/// logged as a warning and retried after a delay that doubles each time (capped at five minutes); after
/// <see cref="EmailOptions.MaxAttempts"/> attempts the mail is logged as an error and dropped. On shutdown the
/// queue is closed and drained until the host's shutdown timeout; what is left then is logged as an error.
/// Logs name the subject and the recipient's domain, never the body (it carries tokens) or the address.
/// </summary>
public sealed class EmailDeliveryService(
    EmailQueue queue,
    IEmailTransport transport,
    IOptions<EmailOptions> options,
    TimeProvider timeProvider,
    ILogger<EmailDeliveryService> logger) : BackgroundService
{
    /// <summary>Mails in delivery at once: enough to keep mail flowing past a slow or failing one, few enough for any relay.</summary>
    public const int MaxConcurrentDeliveries = 4;

    private readonly EmailOptions _options = options.Value;
    private int _abandoned;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        if (ExecuteTask is { IsCompleted: false } running)
        {
            try
            {
                await running.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The host will not wait longer; base.StopAsync cancels the delivery in progress.
            }
        }

        await base.StopAsync(cancellationToken);
    }

    /// <summary>The wait after failed attempt number <paramref name="failedAttempt"/> (1 = the first).</summary>
    internal static TimeSpan RetryDelay(int failedAttempt, EmailOptions options)
    {
        var seconds = options.RetryDelaySeconds * Math.Pow(2, Math.Clamp(failedAttempt - 1, 0, 30));
        return seconds >= EmailOptions.MaximumRetryDelay.TotalSeconds ? EmailOptions.MaximumRetryDelay : TimeSpan.FromSeconds(seconds);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(MaxConcurrentDeliveries);
        var deliveries = new List<Task>();
        EmailMessage? waiting = null;
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (queue.Reader.TryRead(out waiting))
                {
                    await slots.WaitAsync(stoppingToken);
                    deliveries.RemoveAll(d => d.IsCompleted);
                    deliveries.Add(DeliverAndReleaseAsync(waiting, slots, stoppingToken));
                    waiting = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Interlocked.Add(ref _abandoned, queue.Count + (waiting is null ? 0 : 1));
        }

        await Task.WhenAll(deliveries);
        if (_abandoned > 0)
        {
            EmailLog.Abandoned(logger, _abandoned);
        }
    }

    private async Task DeliverAndReleaseAsync(EmailMessage message, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await DeliverAsync(message, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _abandoned);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task DeliverAsync(EmailMessage message, CancellationToken stoppingToken)
    {
        var domain = EmailLog.RecipientDomain(message.To);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await transport.DeliverAsync(message, stoppingToken);
                EmailLog.Delivered(logger, message.Subject, domain, attempt);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception)
            {
                var error = EmailLog.Describe(exception, message.To);
                if (attempt >= _options.MaxAttempts)
                {
                    EmailLog.GaveUp(logger, message.Subject, domain, attempt, error);
                    return;
                }

                var delay = RetryDelay(attempt, _options);
                EmailLog.AttemptFailed(logger, message.Subject, domain, attempt, _options.MaxAttempts, delay.TotalSeconds, error);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, timeProvider, stoppingToken);
                }
            }
        }
    }
}
