using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Security;
using Users.Infrastructure.UnitTests.Persistence;

namespace Users.Infrastructure.UnitTests.Security;

/// <summary>Rate-limit counting on a real SQLite database (PostgreSQL runs the same SQL in the HTTP tests).</summary>
public sealed class DatabaseRateLimitCounterTests : SqliteDatabaseTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Hits_AreCountedInAWindowThatStartsAtTheFirst()
    {
        var first = await Counter().HitAsync("login:192.0.2.1", Window, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(4));
        var second = await Counter().HitAsync("login:192.0.2.1", Window, CancellationToken.None);

        Assert.Equal(1, first.Hits);
        Assert.Equal(2, second.Hits);
        Assert.Equal(_time.GetUtcNow().AddMinutes(1), second.WindowEndsAt);
    }

    [Fact]
    public async Task AfterTheWindow_CountingStartsAgain_WithANewWindow()
    {
        await Counter().HitAsync("login:192.0.2.1", Window, CancellationToken.None);
        await Counter().HitAsync("login:192.0.2.1", Window, CancellationToken.None);
        _time.Advance(Window);

        var hit = await Counter().HitAsync("login:192.0.2.1", Window, CancellationToken.None);

        Assert.Equal(1, hit.Hits);
        Assert.Equal(_time.GetUtcNow() + Window, hit.WindowEndsAt);
    }

    [Fact]
    public async Task Keys_AreCountedApart_AndConcurrentHitsAreEachCounted()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Counter().HitAsync("login:192.0.2.1", Window, CancellationToken.None))));

        Assert.Equal(21, (await Counter().HitAsync("login:192.0.2.1", Window, CancellationToken.None)).Hits);
        Assert.Equal(1, (await Counter().HitAsync("login:192.0.2.2", Window, CancellationToken.None)).Hits);
    }

    [Fact]
    public async Task AnOverlongKey_IsCutToTheColumn_NotRefused()
    {
        var key = "mail:" + new string('a', 600);

        Assert.Equal(1, (await Counter().HitAsync(key, Window, CancellationToken.None)).Hits);
        Assert.Equal(2, (await Counter().HitAsync(key, Window, CancellationToken.None)).Hits);
    }

    private DatabaseRateLimitCounter Counter()
    {
        var services = new ServiceCollection().AddScoped<UsersDbContext>(_ => Database.CreateContext()).BuildServiceProvider();
        return new DatabaseRateLimitCounter(services.GetRequiredService<IServiceScopeFactory>(), _time);
    }
}
