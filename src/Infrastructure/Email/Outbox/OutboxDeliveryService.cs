using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Mail;
using Users.Application.Common.Telemetry;
using Users.Infrastructure.Persistence.Configurations;

namespace Users.Infrastructure.Mail;

/// <summary>
/// Delivers the outbox: claims up to <see cref="MaxConcurrentDeliveries"/> due mails at a time for this instance,
/// delivers them through the <see cref="IEmailTransport"/> side by side, and records each outcome. A transient failure is
/// tried again after a delay that doubles each time (capped at five minutes) until <see cref="EmailOptions.MaxAttempts"/>;
/// a permanent one (an SMTP 5xx answer) is recorded as failed at once. Mail committed on this instance is picked up at
/// once; mail of other instances and retries that came due at the next poll. While the database is unreachable the
/// mail waits in it and the loop tries again each poll. On shutdown it claims nothing more, lets the deliveries in
/// progress finish until the host's shutdown timeout, and hands back the claims it still holds.
/// Logs name the subject and the recipient's domain, never the body (it carries tokens) or the address.
/// </summary>
public sealed class OutboxDeliveryService(
    OutboxStore store,
    OutboxSignal signal,
    IEmailTransport transport,
    IDataProtectionProvider dataProtection,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<OutboxDeliveryService> logger) : BackgroundService
{
    /// <summary>Mails in delivery at once per instance: enough to keep mail flowing past a slow one, few enough for any relay.</summary>
    public const int MaxConcurrentDeliveries = 4;

    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    private readonly EmailOptions _options = options.Value;
    private readonly IDataProtector _bodies = dataProtection.CreateProtector(EmailOutbox.BodyPurpose);

    // Cancelled only when the host stops waiting: deliveries in progress outlive the end of claiming.
    private readonly CancellationTokenSource _abort = new();
    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    /// <summary>This process's name on its claims: host, process and a random part (a restarted process is another claimant).</summary>
    public string Instance { get; } = InstanceName();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    /// <summary>The wait after failed attempt number <paramref name="failedAttempt"/> (1 = the first).</summary>
    internal static TimeSpan RetryDelay(int failedAttempt, EmailOptions options)
    {
        var seconds = options.RetryDelaySeconds * Math.Pow(2, Math.Clamp(failedAttempt - 1, 0, 30));
        return seconds >= EmailOptions.MaximumRetryDelay.TotalSeconds ? EmailOptions.MaximumRetryDelay : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>One round: claims due mail and delivers it; answers how many mails it claimed.</summary>
    internal async Task<int> DeliverDueAsync(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var claimed = await store.ClaimAsync(Instance, MaxConcurrentDeliveries, now, now.AddSeconds(_options.ClaimSeconds), stoppingToken);
        await Task.WhenAll(claimed.Select(DeliverAsync));
        return claimed.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(_options.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DeliverDueAsync(stoppingToken) == MaxConcurrentDeliveries)
                {
                    continue; // there may be more waiting
                }

                await PurgeIfDueAsync(stoppingToken);
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                EmailLog.OutboxUnavailable(logger, EmailLog.Describe(exception, string.Empty), poll.TotalSeconds);
                try
                {
                    await Task.Delay(poll, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await ReleaseClaimsAsync();
    }

    private static string InstanceName()
    {
        var name = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return name.Length <= OutboxEmailRecordConfiguration.InstanceLength ? name : name[^OutboxEmailRecordConfiguration.InstanceLength..];
    }

    private async Task DeliverAsync(ClaimedEmail mail)
    {
        var attempt = mail.Attempts + 1;
        var domain = EmailLog.RecipientDomain(mail.Recipient);
        try
        {
            try
            {
                var body = Unprotect(mail.ProtectedBody);
                await transport.DeliverAsync(new EmailMessage(mail.Recipient, mail.Subject, body), _abort.Token);
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                return; // the host stopped waiting; the claim is handed back
            }
            catch (PermanentEmailFailureException refused)
            {
                var error = EmailLog.Describe(refused, mail.Recipient);
                EmailLog.Refused(logger, mail.Subject, domain, attempt, error);
                UsersMetrics.Mail("failed");
                await store.MarkFailedAsync(Instance, mail.Id, attempt, time.GetUtcNow(), error, CancellationToken.None);
                return;
            }
            catch (Exception exception)
            {
                await RecordTransientFailureAsync(mail, attempt, domain, EmailLog.Describe(exception, mail.Recipient));
                return;
            }

            EmailLog.Delivered(logger, mail.Subject, domain, attempt);
            UsersMetrics.Mail("sent");
            await store.MarkSentAsync(Instance, mail.Id, attempt, time.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            EmailLog.OutcomeNotRecorded(logger, mail.Subject, EmailLog.Describe(exception, mail.Recipient));
        }
    }

    private async Task RecordTransientFailureAsync(ClaimedEmail mail, int attempt, string domain, string error)
    {
        var now = time.GetUtcNow();
        if (attempt >= _options.MaxAttempts)
        {
            EmailLog.GaveUp(logger, mail.Subject, domain, attempt, error);
            UsersMetrics.Mail("failed");
            await store.MarkFailedAsync(Instance, mail.Id, attempt, now, error, CancellationToken.None);
            return;
        }

        var delay = RetryDelay(attempt, _options);
        EmailLog.AttemptFailed(logger, mail.Subject, domain, attempt, _options.MaxAttempts, delay.TotalSeconds, error);
        UsersMetrics.Mail("retried");
        await store.ScheduleRetryAsync(Instance, mail.Id, attempt, now + delay, error, CancellationToken.None);
    }

    private string Unprotect(string? protectedBody)
    {
        try
        {
            return _bodies.Unprotect(protectedBody ?? throw new CryptographicException("The mail has no body."));
        }
        catch (CryptographicException unreadable)
        {
            // A key ring this instance does not share (Data Protection keys live in the database; see the README).
            throw new PermanentEmailFailureException("The stored body cannot be decrypted with this instance's Data Protection keys.", unreadable);
        }
    }

    private async Task PurgeIfDueAsync(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextPurge)
        {
            return;
        }

        _nextPurge = now.AddHours(1);
        var purged = await store.PurgeAsync(now.AddDays(-_options.RetentionDays), stoppingToken);
        if (purged > 0)
        {
            EmailLog.Purged(logger, purged, _options.RetentionDays);
        }
    }

    private async Task ReleaseClaimsAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(ReleaseTimeout);
            var released = await store.ReleaseAsync(Instance, timeout.Token);
            if (released > 0)
            {
                EmailLog.ClaimsReleased(logger, released);
            }
        }
        catch (Exception exception)
        {
            // Claims run out by themselves (Email:ClaimSeconds); another instance then takes the mail over.
            EmailLog.OutboxUnavailable(logger, EmailLog.Describe(exception, string.Empty), _options.ClaimSeconds);
        }
    }
}
