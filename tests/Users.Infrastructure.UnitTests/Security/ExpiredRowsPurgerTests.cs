using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Users.Application.Settings;
using Users.Domain.Audit;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Security;
using Users.Infrastructure.Settings;
using Users.Infrastructure.UnitTests.Persistence;
using Users.Infrastructure.UnitTests.TestDoubles;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Security;

public sealed class ExpiredRowsPurgerTests : SqliteDatabaseTests
{
    // A bound on waiting for the background loop, not a delay: each wait ends as soon as the awaited entry is logged.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TimerTrackingFakeTimeProvider _time = new();
    private readonly CapturingLogger<ExpiredRowsPurger> _logger = new();
    private readonly User _user = new UserBuilder().WithEmail("purged@example.com").Build();
    private SqliteTestDatabase? _unmigrated;
    private volatile bool _useUnmigrated;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SaveAsync(_user);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_unmigrated is not null)
        {
            await _unmigrated.DisposeAsync();
        }
    }

    [Fact]
    public async Task PurgeExpired_DeletesSessionsWhoseEndHasPassed_WithTheirTokens()
    {
        var now = _time.GetUtcNow();
        await using (var db = Database.CreateContext())
        {
            foreach (var end in new[] { now.AddHours(-1), now, now.AddMilliseconds(1) })
            {
                var session = Session.Start(_user, "jwt", SessionClient.Unknown, now.AddHours(-2));
                session.ExtendTo(end);
                db.Sessions.Add(session);
            }

            await db.SaveChangesAsync();
        }

        var purged = await CreatePurger().PurgeExpiredAsync(CancellationToken.None);

        Assert.Equal(new ExpiredRowsPurger.PurgedRows(2, 0, 0, 0, 0, 0), purged);
        await using var check = Database.CreateContext();
        Assert.Equal([now.AddMilliseconds(1)], await check.Sessions.Select(s => s.ExpiresAt).ToListAsync());
    }

    [Fact]
    public async Task PurgeExpired_DeletesAuditEntriesOlderThanTheRetention()
    {
        var now = _time.GetUtcNow();
        await using (var db = Database.CreateContext())
        {
            foreach (var at in new[] { now.AddDays(-366), now.AddDays(-365).AddMilliseconds(-1), now.AddDays(-365), now.AddDays(-1) })
            {
                db.AuditEvents.Add(AuditEvent.Record(AuditEventType.LoginFailed, at, _user.Id, null, SessionClient.Unknown, null));
            }

            await db.SaveChangesAsync();
        }

        var purged = await CreatePurger().PurgeExpiredAsync(CancellationToken.None);

        Assert.Equal(new ExpiredRowsPurger.PurgedRows(0, 0, 0, 0, 0, 2), purged);
        await using var check = Database.CreateContext();
        Assert.Equal(2, await check.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task PurgeExpired_DeletesOnlyRowsWhoseExpiryHasPassed_AndReturnsTheirCount()
    {
        var now = _time.GetUtcNow();
        await SeedAsync(
            ("expired-long-ago", now.AddDays(-1)),
            ("expired-a-second-ago", now.AddSeconds(-1)),
            ("expires-right-now", now),
            ("valid-for-a-millisecond", now.AddMilliseconds(1)),
            ("valid-for-an-hour", now.AddHours(1)));

        var purged = await CreatePurger().PurgeExpiredAsync(CancellationToken.None);

        Assert.Equal(new ExpiredRowsPurger.PurgedRows(0, 0, 3, 0, 0, 0), purged);
        Assert.Equal(["valid-for-a-millisecond", "valid-for-an-hour"], await RemainingAsync());
        Assert.Equal(new ExpiredRowsPurger.PurgedRows(0, 0, 0, 0, 0, 0), await CreatePurger().PurgeExpiredAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PurgeExpired_DeletesRateLimitCountersWhoseWindowIsOver()
    {
        var now = _time.GetUtcNow();
        await using (var db = Database.CreateContext())
        {
            db.RateLimitCounters.AddRange(
                new RateLimitCounterRecord { Key = "login:192.0.2.1", Hits = 9, WindowEndsAt = now },
                new RateLimitCounterRecord { Key = "login:192.0.2.2", Hits = 1, WindowEndsAt = now.AddSeconds(1) });
            await db.SaveChangesAsync();
        }

        Assert.Equal(new ExpiredRowsPurger.PurgedRows(0, 0, 0, 0, 1, 0), await CreatePurger().PurgeExpiredAsync(CancellationToken.None));
        await using var check = Database.CreateContext();
        Assert.Equal("login:192.0.2.2", (await check.RateLimitCounters.SingleAsync()).Key);
    }

    [Fact]
    public async Task PurgeExpired_ForgetsOnlyFailureCountsUntouchedForTheWindow_AndNeverALockStillRunning()
    {
        var now = _time.GetUtcNow();
        var forgotten = now.AddSeconds(-new LockoutOptions().ForgetAfterSeconds);
        await using (var db = Database.CreateContext())
        {
            db.LoginThrottles.AddRange(
                new LoginThrottleRecord { NormalizedEmail = "forgotten@example.com", Failures = 2, LastAttemptAt = forgotten },
                new LoginThrottleRecord { NormalizedEmail = "lock-over@example.com", Failures = 9, LastAttemptAt = forgotten, LockedUntil = now },
                new LoginThrottleRecord { NormalizedEmail = "still-locked@example.com", Failures = 99, LastAttemptAt = forgotten, LockedUntil = now.AddSeconds(1) },
                new LoginThrottleRecord { NormalizedEmail = "recent@example.com", Failures = 1, LastAttemptAt = forgotten.AddSeconds(1) });
            await db.SaveChangesAsync();
        }

        var purged = await CreatePurger().PurgeExpiredAsync(CancellationToken.None);

        Assert.Equal(new ExpiredRowsPurger.PurgedRows(0, 0, 0, 2, 0, 0), purged);
        await using var check = Database.CreateContext();
        Assert.Equal(
            ["recent@example.com", "still-locked@example.com"],
            (await check.LoginThrottles.Select(t => t.NormalizedEmail).ToListAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PurgeAndLog_LogsTheCountAtInformation_WhenSomethingWasPurged()
    {
        await SeedAsync(("a", _time.GetUtcNow().AddSeconds(-1)), ("b", _time.GetUtcNow().AddSeconds(-2)));

        await CreatePurger().PurgeAndLogAsync(CancellationToken.None);

        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal("Purged 0 expired session(s), 0 expired refresh token(s), 2 expired access token(s), 0 forgotten login failure count(s), 0 rate-limit counter(s) and 0 audit entries past retention", entry.Message);
    }

    [Fact]
    public async Task PurgeAndLog_LogsAtDebug_WhenNothingExpired()
    {
        await SeedAsync(("valid", _time.GetUtcNow().AddHours(1)));

        await CreatePurger().PurgeAndLogAsync(CancellationToken.None);

        Assert.Equal(LogLevel.Debug, Assert.Single(_logger.Entries).Level);
        Assert.Equal(["valid"], await RemainingAsync());
    }

    [Fact]
    public async Task PurgeAndLog_WhenTheDatabaseFails_LogsAnErrorAndDoesNotThrow()
    {
        _unmigrated = SqliteTestDatabase.CreateEmpty();
        _useUnmigrated = true;

        await CreatePurger().PurgeAndLogAsync(CancellationToken.None);

        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.NotNull(entry.Exception);
    }

    [Fact]
    public async Task PurgeAndLog_WhenCancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreatePurger().PurgeAndLogAsync(cancelled.Token));
    }

    [Fact]
    public async Task Loop_PurgesOnEachTickOfTheClock_SurvivesAFailedRound_AndStopsPromptly()
    {
        _unmigrated = SqliteTestDatabase.CreateEmpty();
        _useUnmigrated = true;
        using var purger = CreatePurger(intervalSeconds: 60);

        await purger.StartAsync(CancellationToken.None);
        await _time.NextTimerAsync(Patience);

        // First round: the schema is missing (as before a migration); the failure is logged and the loop goes on.
        _time.Advance(TimeSpan.FromSeconds(60));
        await _logger.WaitForAsync(e => e.Level == LogLevel.Error).WaitAsync(Patience);

        // Second round, against a working database with one expired row.
        _useUnmigrated = false;
        await SeedAsync(("expired", _time.GetUtcNow().AddSeconds(-1)), ("valid", _time.GetUtcNow().AddHours(1)));
        _time.Advance(TimeSpan.FromSeconds(60));
        await _logger.WaitForAsync(e => e.Message == "Purged 0 expired session(s), 0 expired refresh token(s), 1 expired access token(s), 0 forgotten login failure count(s), 0 rate-limit counter(s) and 0 audit entries past retention").WaitAsync(Patience);
        Assert.Equal(["valid"], await RemainingAsync());

        await purger.StopAsync(CancellationToken.None);
        Assert.True(purger.ExecuteTask!.IsCompletedSuccessfully);
    }

    private ExpiredRowsPurger CreatePurger(int intervalSeconds = 3600)
    {
        var services = new ServiceCollection();
        services.AddScoped<UsersDbContext>(_ => (_useUnmigrated ? _unmigrated! : Database).CreateContext());
        var provider = services.BuildServiceProvider();
        return new ExpiredRowsPurger(
            provider.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new DatabaseTokenOptions { PurgeIntervalSeconds = intervalSeconds }),
            Options.Create(new UserManagementOptions()),
            Options.Create(new AuditOptions()),
            _time,
            _logger);
    }

    private async Task SeedAsync(params (string Hash, DateTimeOffset ExpiresAt)[] rows)
    {
        await using var db = Database.CreateContext();
        var session = Session.Start(_user, "cookie", SessionClient.Unknown, _time.GetUtcNow().AddDays(-2));
        session.ExtendTo(_time.GetUtcNow().AddDays(1)); // outlives every token: only the tokens' own expiry matters here
        db.Sessions.Add(session);
        foreach (var (hash, expiresAt) in rows)
        {
            db.AccessTokens.Add(new AccessTokenRecord
            {
                TokenHash = hash,
                UserId = _user.Id,
                SessionId = session.Id,
                SecurityStamp = _user.SecurityStamp,
                CreatedAt = expiresAt.AddHours(-1),
                ExpiresAt = expiresAt,
            });
        }

        await db.SaveChangesAsync();
    }

    private async Task<List<string>> RemainingAsync()
    {
        await using var db = Database.CreateContext();
        return await db.AccessTokens.Select(t => t.TokenHash).OrderBy(h => h).ToListAsync();
    }
}
