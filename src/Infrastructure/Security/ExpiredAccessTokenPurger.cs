using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.Security;

/// <summary>
/// Deletes expired database-strategy tokens every <c>Auth:DatabaseTokens:PurgeIntervalSeconds</c>. Expired rows are
/// already refused when read; this only keeps the table from growing. A failed round (database unreachable, schema not
/// migrated yet) is logged and the next one tried at the next tick.
/// </summary>
public sealed partial class ExpiredAccessTokenPurger(
    IServiceScopeFactory scopes,
    IOptions<DatabaseTokenOptions> options,
    TimeProvider time,
    ILogger<ExpiredAccessTokenPurger> logger) : BackgroundService
{
    /// <summary>Deletes every row whose expiry has passed, in one statement, and returns how many there were.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var now = time.GetUtcNow();
        return await Expired(db.AccessTokens, now).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The rows refused at <paramref name="now"/>: the complement of what the strategy reads.</summary>
    internal static IQueryable<AccessTokenRecord> Expired(IQueryable<AccessTokenRecord> tokens, DateTimeOffset now) =>
        tokens.Where(t => t.ExpiresAt <= now);

    /// <summary>One round of the loop: purges, logs the outcome, and never throws except when asked to stop.</summary>
    internal async Task PurgeAndLogAsync(CancellationToken cancellationToken)
    {
        try
        {
            var count = await PurgeExpiredAsync(cancellationToken);
            if (count > 0)
            {
                LogPurged(count);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} expired access token(s)")]
    private partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No expired access tokens to purge")]
    private partial void LogNothingToPurge();

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging expired access tokens failed; trying again in {IntervalSeconds} s")]
    private partial void LogPurgeFailed(Exception exception, int intervalSeconds);
}
