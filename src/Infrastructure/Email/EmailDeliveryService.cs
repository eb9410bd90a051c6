using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Mail;

namespace Users.Infrastructure.Mail;

/// <summary>
/// Delivers the queued mails one after another through the <see cref="IEmailTransport"/>. A failed attempt is
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
    private readonly EmailOptions _options = options.Value;

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
        EmailMessage? current = null;
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (queue.Reader.TryRead(out current))
                {
                    await DeliverAsync(current, stoppingToken);
                    current = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            var left = queue.Count + (current is null ? 0 : 1);
            if (left > 0)
            {
                EmailLog.Abandoned(logger, left);
            }
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
