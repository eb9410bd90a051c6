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
/// Every <c>Auth:DatabaseTokens:PurgeIntervalSeconds</c>, deletes expired database-strategy tokens and forgotten login
/// failure counts (no attempt for <c>Auth:Lockout:ForgetAfterSeconds</c>, not locked). Both are already ignored when
/// read; this only keeps the tables from growing (failure counts of unknown addresses, above all). A failed round (database unreachable, schema not
/// migrated yet) is logged and the next one tried at the next tick.
/// </summary>
public sealed partial class ExpiredRowsPurger(
    IServiceScopeFactory scopes,
    IOptions<DatabaseTokenOptions> options,
    IOptions<UserManagementOptions> userOptions,
    TimeProvider time,
    ILogger<ExpiredRowsPurger> logger) : BackgroundService
{
    /// <summary>How many rows one round deleted.</summary>
    public sealed record PurgedRows(int AccessTokens, int LoginThrottles);

    /// <summary>Deletes every expired token and forgotten failure count, one statement each, and says how many there were.</summary>
    public async Task<PurgedRows> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var now = time.GetUtcNow();
        var tokens = await Expired(db.AccessTokens, now).ExecuteDeleteAsync(cancellationToken);
        var forgetBefore = now.AddSeconds(-userOptions.Value.Lockout.ForgetAfterSeconds);
        var throttles = await db.LoginThrottles
            .Where(t => t.LastAttemptAt <= forgetBefore && (t.LockedUntil == null || t.LockedUntil <= now))
            .ExecuteDeleteAsync(cancellationToken);
        return new PurgedRows(tokens, throttles);
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
            if (purged.AccessTokens + purged.LoginThrottles > 0)
            {
                LogPurged(purged.AccessTokens, purged.LoginThrottles);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {AccessTokens} expired access token(s) and {LoginThrottles} forgotten login failure count(s)")]
    private partial void LogPurged(int accessTokens, int loginThrottles);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No expired access tokens or forgotten login failure counts to purge")]
    private partial void LogNothingToPurge();

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging expired rows failed; trying again in {IntervalSeconds} s")]
    private partial void LogPurgeFailed(Exception exception, int intervalSeconds);
}
