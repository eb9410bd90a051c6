using Microsoft.EntityFrameworkCore;
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
        var hit = (await db.Database.SqlQuery<CountedHit>($"""
            INSERT INTO rate_limit_counters (key, hits, window_ends_at)
            VALUES ({key}, 1, {newEnd})
            ON CONFLICT (key) DO UPDATE SET
                hits = CASE WHEN rate_limit_counters.window_ends_at <= {now} THEN 1 ELSE rate_limit_counters.hits + 1 END,
                window_ends_at = CASE WHEN rate_limit_counters.window_ends_at <= {now} THEN {newEnd} ELSE rate_limit_counters.window_ends_at END
            RETURNING hits AS "Hits", window_ends_at AS "WindowEndsAt"
            """).ToListAsync(cancellationToken)).Single();
        return new RateLimitHit(hit.Hits, UnixMilliseconds.ToInstant(hit.WindowEndsAt));
    }

    /// <summary>What the upsert returns.</summary>
    private sealed class CountedHit
    {
        public long Hits { get; set; }

        public long WindowEndsAt { get; set; }
    }
}
