using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Redis;

namespace Users.Api.IntegrationTests.Platform;

/// <summary>
/// With <c>Redis:Configuration</c>, the rate-limit counters live in a real redis-server: shared by every instance over
/// it, nothing in the database; and a Redis that is down answers 503 in time, never a hang or a 500. Redis does not
/// depend on the database, so these run over SQLite only.
/// </summary>
public sealed class RedisRateLimitTests(SqliteApiFixture fixture) : ApiTestBase(fixture), IClassFixture<SqliteApiFixture>, IAsyncLifetime
{
    private readonly RedisServer _redis = new();

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    [SkippableFact]
    public async Task Counts_LiveInRedis_AndAreSharedByEveryInstanceOverIt()
    {
        _redis.SkipIfUnavailable();
        await using var first = WithRedis();
        await using var second = WithRedis();

        await LoginAsync(first);
        await LoginAsync(second);
        await LoginAsync(first);
        var refused = await LoginAsync(second);

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var hits = await connection.GetDatabase().StringGetAsync(RedisRateLimitCounter.KeyPrefix + "login:192.0.2.60");
        Assert.Equal(4, (long)hits);
        Assert.Empty(await first.Services.CreateScope().ServiceProvider.GetRequiredService<UsersDbContext>().RateLimitCounters.ToListAsync());
    }

    [SkippableFact]
    public async Task WhenRedisIsDown_ALimitedRouteAnswers503InTime_AndReadinessFails_ThenRecovers()
    {
        _redis.SkipIfUnavailable();
        await using var service = WithRedis();
        Assert.Equal(HttpStatusCode.BadRequest, (await LoginAsync(service)).StatusCode);
        _redis.Stop();

        var started = Stopwatch.GetTimestamp();
        var down = await LoginAsync(service);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var ready = await service.CreateClient().GetAsync("/health/ready");

        await down.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "Service Unavailable");
        Assert.True(down.Headers.Contains("Retry-After"));
        Assert.True(elapsed < TimeSpan.FromSeconds(RedisConnection.TimeoutMilliseconds / 1000.0 + 2), $"took {elapsed}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.CreateClient().GetAsync("/health/live")).StatusCode); // the process itself is fine

        _redis.Start();
        await _redis.WaitUntilAnsweringAsync();
        var recovered = await RetryUntilAsync(() => LoginAsync(service), r => r.StatusCode == HttpStatusCode.BadRequest, TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.BadRequest, recovered.StatusCode);
    }

    private WebApplicationFactory<Program> WithRedis()
    {
        var factory = Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Redis:Configuration", _redis.Configuration);
            b.UseSetting("RateLimiting:Enabled", "true");
            b.UseSetting("RateLimiting:WindowSeconds", "60");
            b.UseSetting("RateLimiting:Login", "3");
            b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, TestClientAddress>());
        });
        _ = factory.Server;
        return factory;
    }

    private static Task<HttpResponseMessage> LoginAsync(WebApplicationFactory<Program> service)
    {
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, "192.0.2.60");
        return client.PostAsync("/auth/jwt/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "nobody@example.com",
            ["password"] = GoodPassword,
        }));
    }

    // Bounded, not a sleep: StackExchange.Redis reconnects in the background, and the first request after the server
    // is back may still find the old connection broken.
    private static async Task<HttpResponseMessage> RetryUntilAsync(
        Func<Task<HttpResponseMessage>> request, Func<HttpResponseMessage, bool> done, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        var response = await request();
        while (!done(response) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            response = await request();
        }

        return response;
    }
}
