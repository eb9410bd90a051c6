using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Users.Application.Settings;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Security;
using Users.Infrastructure.UnitTests.Persistence;

namespace Users.Infrastructure.UnitTests.Security;

/// <summary>The lockout counters on a real SQLite database (PostgreSQL runs the same SQL in the HTTP tests).</summary>
public sealed class DatabaseLoginThrottleTests : SqliteDatabaseTests
{
    private const string Address = "target@example.com";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly UserManagementOptions _options = new() { Lockout = new LockoutOptions { MaxFailures = 3, BaseSeconds = 30, MaxSeconds = 120 } };

    [Fact]
    public async Task Attempts_AreCountedUntilTheLimit_ThenTheAddressIsLockedForTheBaseWait()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.False((await BeginAsync()).IsLocked);
        }

        var locked = await BeginAsync();

        Assert.Equal(TimeSpan.FromSeconds(30), locked.LockedFor);
        Assert.Equal(3, (await GetAsync()).Failures); // an attempt refused while locked is not counted
        Assert.Equal(_time.GetUtcNow().AddSeconds(30), (await GetAsync()).LockedUntil);
    }

    [Fact]
    public async Task AfterTheWait_TheNextAttemptIsCounted_AndLocksForTwiceAsLong()
    {
        await CountAsync(3);
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.False((await BeginAsync()).IsLocked);

        Assert.Equal(TimeSpan.FromSeconds(60), (await BeginAsync()).LockedFor);
    }

    [Fact]
    public async Task FailuresOlderThanTheWindow_AreForgotten()
    {
        await CountAsync(2);
        _time.Advance(TimeSpan.FromSeconds(_options.Lockout.ForgetAfterSeconds + 1));

        await CountAsync(1);

        Assert.Equal(1, (await GetAsync()).Failures);
    }

    [Fact]
    public async Task Clear_StartsAgainFromZero()
    {
        await CountAsync(3);

        await using (var db = Database.CreateContext())
        {
            await Throttle(db).ClearAsync(Address, CancellationToken.None);
        }

        Assert.Equal(0, (await GetAsync()).Failures);
        Assert.Null((await GetAsync()).LockedUntil);
        Assert.False((await BeginAsync()).IsLocked);
    }

    [Fact]
    public async Task AttemptsAtTheSameTime_AreEachCounted()
    {
        _options.Lockout.MaxFailures = 100;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(BeginAsync)));

        Assert.Equal(20, (await GetAsync()).Failures);
    }

    [Fact]
    public async Task Addresses_AreCountedApart()
    {
        await CountAsync(3);

        await using var db = Database.CreateContext();
        Assert.False((await Throttle(db).BeginAttemptAsync("other@example.com", CancellationToken.None)).IsLocked);
    }

    private DatabaseLoginThrottle Throttle(UsersDbContext db) => new(db, Options.Create(_options), _time);

    private async Task<Application.Abstractions.Security.LoginAttempt> BeginAsync()
    {
        await using var db = Database.CreateContext();
        return await Throttle(db).BeginAttemptAsync(Address, CancellationToken.None);
    }

    private async Task CountAsync(int attempts)
    {
        for (var i = 0; i < attempts; i++)
        {
            await BeginAsync();
        }
    }

    private async Task<Application.Abstractions.Security.LoginThrottleState> GetAsync()
    {
        await using var db = Database.CreateContext();
        return await Throttle(db).GetAsync(Address, CancellationToken.None);
    }
}
