using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Security;
using Users.Application.Common.Telemetry;
using Users.Application.Settings;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Persistence.Configurations;

namespace Users.Infrastructure.Security;

/// <summary>
/// The lockout counters in the database, so that every instance over it shares them. An attempt is counted by one
/// atomic upsert (PostgreSQL and SQLite both have <c>INSERT ... ON CONFLICT ... RETURNING</c>), so concurrent attempts
/// at one address each get their own count; the lock is then set only for the count that reached it.
/// </summary>
public sealed class DatabaseLoginThrottle(UsersDbContext db, IOptions<UserManagementOptions> options, TimeProvider time) : ILoginThrottle
{
    private readonly LockoutOptions _lockout = options.Value.Lockout;

    public async Task<LoginAttempt> BeginAttemptAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nowMs = UnixMilliseconds.Of(now);
        var forgetBefore = UnixMilliseconds.Of(now.AddSeconds(-_lockout.ForgetAfterSeconds));

        // While locked, nothing changes; failures long ago are forgotten; otherwise one more.
        var counted = await db.Database.QuerySingleAsync(
            """
            INSERT INTO login_throttles (normalized_email, failures, locked_until, last_attempt_at)
            VALUES (@p0, 1, NULL, @p1)
            ON CONFLICT (normalized_email) DO UPDATE SET
                failures = CASE
                    WHEN login_throttles.locked_until > @p1 THEN login_throttles.failures
                    WHEN login_throttles.last_attempt_at < @p2 THEN 1
                    ELSE login_throttles.failures + 1 END,
                last_attempt_at = CASE
                    WHEN login_throttles.locked_until > @p1 THEN login_throttles.last_attempt_at
                    ELSE @p1 END
            RETURNING failures, locked_until
            """,
            [normalizedEmail, nowMs, forgetBefore],
            row => new CountedAttempt(row.GetInt32(0), row.IsDBNull(1) ? null : row.GetInt64(1)),
            cancellationToken);

        if (counted.LockedUntil is { } until && until > nowMs)
        {
            return new LoginAttempt(UnixMilliseconds.ToInstant(until) - now);
        }

        if (_lockout.WaitAfter(counted.Failures) is { } wait)
        {
            // Only for the count this attempt made: a later, longer lock set meanwhile is not shortened.
            UsersMetrics.Lockout();
            var lockedUntil = UnixMilliseconds.Of(now + wait);
            await db.Database.ExecuteSqlAsync($"""
                UPDATE login_throttles SET locked_until = {lockedUntil}
                WHERE normalized_email = {normalizedEmail} AND failures = {counted.Failures}
                """, cancellationToken);
        }

        return LoginAttempt.Counted;
    }

    public Task ClearAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Database.ExecuteAsync("DELETE FROM login_throttles WHERE normalized_email = @p0", [normalizedEmail], cancellationToken);

    public async Task<LoginThrottleState> GetAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var row = await db.LoginThrottles.AsNoTracking().FirstOrDefaultAsync(t => t.NormalizedEmail == normalizedEmail, cancellationToken);
        return row is null
            ? LoginThrottleState.Clear
            : new LoginThrottleState(row.Failures, row.LockedUntil > time.GetUtcNow() ? row.LockedUntil : null);
    }

    /// <summary>What the upsert returns.</summary>
    private readonly record struct CountedAttempt(int Failures, long? LockedUntil);
}
