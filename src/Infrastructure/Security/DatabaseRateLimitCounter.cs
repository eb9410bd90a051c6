using Microsoft.Extensions.DependencyInjection;
using Users.Application.Abstractions.Security;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Persistence.Configurations;

namespace Users.Infrastructure.Security;

/// <summary>
/// Rate-limit counters in the database: one atomic upsert per hit (<c>INSERT ... ON CONFLICT ... RETURNING</c> on
/// PostgreSQL and SQLite), so instances over one database share every count and concurrent hits are each counted. A
/// singleton (rate limiters outlive requests), so each hit runs on a context of its own scope.
/// </summary>
public sealed class DatabaseRateLimitCounter(IServiceScopeFactory scopes, TimeProvider time) : IRateLimitCounter
{
    public async Task<RateLimitHit> HitAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > RateLimitCounterRecordConfiguration.KeyLength)
        {
            key = key[..RateLimitCounterRecordConfiguration.KeyLength];
        }

        var now = UnixMilliseconds.Of(time.GetUtcNow());
        var newEnd = now + (long)window.TotalMilliseconds;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();

        // A window that is over starts again at this hit.
        return await db.Database.QuerySingleAsync(
            """
            INSERT INTO rate_limit_counters (key, hits, window_ends_at)
            VALUES (@p0, 1, @p2)
            ON CONFLICT (key) DO UPDATE SET
                hits = CASE WHEN rate_limit_counters.window_ends_at <= @p1 THEN 1 ELSE rate_limit_counters.hits + 1 END,
                window_ends_at = CASE WHEN rate_limit_counters.window_ends_at <= @p1 THEN @p2 ELSE rate_limit_counters.window_ends_at END
            RETURNING hits, window_ends_at
            """,
            [key, now, newEnd],
            row => new RateLimitHit(row.GetInt64(0), UnixMilliseconds.ToInstant(row.GetInt64(1))),
            cancellationToken);
    }
}
