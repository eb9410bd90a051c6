using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Users.Application.Settings;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.Security;

/// <summary>
/// Every <c>Auth:DatabaseTokens:PurgeIntervalSeconds</c>, deletes expired sessions (with their tokens), expired
/// refresh tokens (spent ones are kept until then, for reuse detection), audit entries older than
/// <c>Audit:RetentionDays</c>, expired database-strategy tokens, forgotten login
/// failure counts (no attempt for <c>Auth:Lockout:ForgetAfterSeconds</c>, not locked) and rate-limit counters whose
/// window is over. All are already ignored when read; this only keeps the tables from growing (counts of unknown
/// addresses and of passing clients, above all). A failed round (database unreachable, schema not
/// migrated yet) is logged and the next one tried at the next tick.
/// </summary>
public sealed partial class ExpiredRowsPurger(
    IServiceScopeFactory scopes,
    IOptions<DatabaseTokenOptions> options,
    IOptions<UserManagementOptions> userOptions,
    IOptions<AuditOptions> auditOptions,
    TimeProvider time,
    ILogger<ExpiredRowsPurger> logger) : BackgroundService
{
    /// <summary>How many rows one round deleted.</summary>
    public sealed record PurgedRows(int Sessions, int RefreshTokens, int AccessTokens, int LoginThrottles, int RateLimitCounters, int AuditEvents)
    {
        public int Total => Sessions + RefreshTokens + AccessTokens + LoginThrottles + RateLimitCounters + AuditEvents;
    }

    /// <summary>Deletes every expired token and forgotten failure count, one statement each, and says how many there were.</summary>
    public async Task<PurgedRows> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var now = time.GetUtcNow();
        var sessions = await db.Sessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var refreshTokens = await db.RefreshTokens.Where(t => t.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var tokens = await Expired(db.AccessTokens, now).ExecuteDeleteAsync(cancellationToken);
        var forgetBefore = now.AddSeconds(-userOptions.Value.Lockout.ForgetAfterSeconds);
        var throttles = await db.LoginThrottles
            .Where(t => t.LastAttemptAt <= forgetBefore && (t.LockedUntil == null || t.LockedUntil <= now))
            .ExecuteDeleteAsync(cancellationToken);
        var counters = await db.RateLimitCounters.Where(c => c.WindowEndsAt <= now).ExecuteDeleteAsync(cancellationToken);
        var auditBefore = now.AddDays(-auditOptions.Value.RetentionDays);
        var audit = await db.AuditEvents.Where(e => e.At < auditBefore).ExecuteDeleteAsync(cancellationToken);
        return new PurgedRows(sessions, refreshTokens, tokens, throttles, counters, audit);
    }

    /// <summary>The rows refused at <paramref name="now"/>: the complement of what the strategy reads.</summary>
    internal static IQueryable<AccessTokenRecord> Expired(IQueryable<AccessTokenRecord> tokens, DateTimeOffset now) =>
        tokens.Where(t => t.ExpiresAt <= now);

    /// <summary>One round of the loop: purges, logs the outcome, and never throws except when asked to stop.</summary>
    internal async Task PurgeAndLogAsync(CancellationToken cancellationToken)
    {
        try
        {
            var purged = await PurgeExpiredAsync(cancellationToken);
            if (purged.Total > 0)
            {
                LogPurged(purged.Sessions, purged.RefreshTokens, purged.AccessTokens, purged.LoginThrottles, purged.RateLimitCounters, purged.AuditEvents);
            }
            else
            {
                LogNothingToPurge();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            LogPurgeFailed(exception, options.Value.PurgeIntervalSeconds);
        }
    }

    // The first round waits one interval: at start-up the schema may still be being migrated.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PurgeIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await PurgeAndLogAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Purged {Sessions} expired session(s), {RefreshTokens} expired refresh token(s), {AccessTokens} expired access token(s), {LoginThrottles} forgotten login failure count(s), {RateLimitCounters} rate-limit counter(s) and {AuditEvents} audit entries past retention")]
    private partial void LogPurged(int sessions, int refreshTokens, int accessTokens, int loginThrottles, int rateLimitCounters, int auditEvents);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No expired sessions, refresh tokens, access tokens, login failure counts, rate-limit counters or audit entries to purge")]
    private partial void LogNothingToPurge();

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging expired rows failed; trying again in {IntervalSeconds} s")]
    private partial void LogPurgeFailed(Exception exception, int intervalSeconds);
}
