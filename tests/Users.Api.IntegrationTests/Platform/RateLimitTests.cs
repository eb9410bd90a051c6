using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Platform;

/// <summary>
/// Per-client-address limits per route group (here 3 logins, 2 account requests, 2 token uses per minute), counted in
/// the database so that every instance shares them, on a fake clock; and one mail per address per minute.
/// </summary>
public abstract class RateLimitTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Proxy = "10.0.0.1";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [SkippableFact]
    public async Task Logins_OverTheLimit_Are429TooManyRequests_UntilTheWindowIsOver_PerClientAddress()
    {
        await using var service = Limited();
        var (user, _) = await CreateUserAsync();

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add((await LoginAsync(service, "192.0.2.10", user.Email)).StatusCode);
        }

        var refused = await LoginAsync(service, "192.0.2.10", user.Email);
        var elsewhere = await LoginAsync(service, "192.0.2.11", user.Email);
        _clock.Advance(TimeSpan.FromSeconds(60));
        var later = await LoginAsync(service, "192.0.2.10", user.Email);

        Assert.All(allowed, s => Assert.Equal(HttpStatusCode.OK, s));
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.True(refused.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [SkippableFact]
    public async Task RouteGroups_AreCountedApart_AndGroupedRoutesShareTheirCount()
    {
        await using var service = Limited();
        const string Client = "192.0.2.20";
        for (var i = 0; i < 3; i++)
        {
            await LoginAsync(service, Client, NewEmail("nobody"));
        }

        var register = await From(service, Client).PostAsync("/auth/register", Json(new { email = NewEmail("grouped"), password = GoodPassword }));
        var forgot = await From(service, Client).PostAsync("/auth/forgot-password", Json(new { email = NewEmail("grouped") }));
        var verifyToo = await From(service, Client).PostAsync("/auth/request-verify-token", Json(new { email = NewEmail("grouped") }));
        var verify = await From(service, Client).PostAsync("/auth/verify", Json(new { token = "garbage" }));
        var reset = await From(service, Client).PostAsync("/auth/reset-password", Json(new { token = "garbage", password = GoodPassword }));
        var link = await From(service, Client).GetAsync("/auth/verify?token=garbage");

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(service, Client, NewEmail("nobody"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        await verifyToo.AssertProblemAsync(HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS"); // third of the account group
        Assert.Equal(HttpStatusCode.BadRequest, verify.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        await link.AssertProblemAsync(HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS"); // third of the token group
    }

    [SkippableFact]
    public async Task Refreshes_CountWithLogins()
    {
        await using var service = Limited();
        const string Client = "192.0.2.21";
        var refresh = () => From(service, Client).PostAsync("/auth/jwt/refresh", new FormUrlEncodedContent(new Dictionary<string, string> { ["refresh_token"] = new string('A', 43) }));

        await LoginAsync(service, Client, NewEmail("nobody"));
        var first = await refresh();
        var second = await refresh();
        var third = await refresh();

        await first.AssertProblemAsync(HttpStatusCode.BadRequest, "REFRESH_TOKEN_INVALID");
        await second.AssertProblemAsync(HttpStatusCode.BadRequest, "REFRESH_TOKEN_INVALID");
        await third.AssertProblemAsync(HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(service, Client, NewEmail("nobody"))).StatusCode);
    }

    [SkippableFact]
    public async Task TheCounts_AreSharedByEveryInstanceOverTheDatabase()
    {
        await using var first = Limited();
        await using var second = Limited();
        const string Client = "192.0.2.30";

        await LoginAsync(first, Client, NewEmail("nobody"));
        await LoginAsync(second, Client, NewEmail("nobody"));
        await LoginAsync(first, Client, NewEmail("nobody"));

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(second, Client, NewEmail("nobody"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(first, Client, NewEmail("nobody"))).StatusCode);
    }

    [SkippableFact]
    public async Task TheClientAddress_IsTheForwardedOne_OnlyFromATrustedProxy()
    {
        await using var service = Limited();

        // Through the trusted proxy, each forwarded client has its own count.
        for (var i = 0; i < 4; i++)
        {
            var forwarded = await LoginAsync(service, Proxy, NewEmail("nobody"), forwardedFor: $"203.0.113.{i}");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, forwarded.StatusCode);
        }

        // From anywhere else, a forwarded address is not believed: changing it does not buy more attempts.
        var spoofed = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            spoofed.Add((await LoginAsync(service, "198.51.100.7", NewEmail("nobody"), forwardedFor: $"203.0.113.{100 + i}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed[3]);
    }

    [SkippableFact]
    public async Task WhenDisabled_NothingIsLimited()
    {
        await using var service = Limited(enabled: false);

        for (var i = 0; i < 6; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await LoginAsync(service, "192.0.2.40", NewEmail("nobody"))).StatusCode);
        }
    }

    [SkippableFact]
    public async Task OneMailPerAddressPerMinute_TheRequestStillAnswers202()
    {
        await using var service = Limited();
        var (user, _) = await CreateUserAsync();

        var first = await From(service, "192.0.2.50").PostAsync("/auth/forgot-password", Json(new { email = user.Email }));
        await Factory.Mailbox.WaitForAsync(user.Email);
        var second = await From(service, "192.0.2.51").PostAsync("/auth/request-verify-token", Json(new { email = user.Email }));
        _clock.Advance(TimeSpan.FromSeconds(60));
        var third = await From(service, "192.0.2.52").PostAsync("/auth/request-verify-token", Json(new { email = user.Email }));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], new[] { first.StatusCode, second.StatusCode, third.StatusCode });
        await Factory.Mailbox.WaitForAsync(user.Email, count: 2);
        Assert.Equal(["Reset your password", "Verify your email address"], Factory.Mailbox.To(user.Email).Select(m => m.Subject).Order(StringComparer.Ordinal));
    }

    private WebApplicationFactory<Program> Limited(bool enabled = true)
    {
        var factory = Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("RateLimiting:Enabled", enabled ? "true" : "false");
            b.UseSetting("RateLimiting:WindowSeconds", "60");
            b.UseSetting("RateLimiting:Login", "3");
            b.UseSetting("RateLimiting:Accounts", "2");
            b.UseSetting("RateLimiting:Tokens", "2");
            b.UseSetting("RateLimiting:MailIntervalSeconds", "60");
            b.UseSetting("ForwardedHeaders:TrustedProxies:0", Proxy);
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock).AddSingleton<IStartupFilter, TestClientAddress>());
        });
        _ = factory.Server;
        return factory;
    }

    private static HttpClient From(WebApplicationFactory<Program> service, string address, string? forwardedFor = null)
    {
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        return client;
    }

    private static Task<HttpResponseMessage> LoginAsync(WebApplicationFactory<Program> service, string address, string email, string? forwardedFor = null) =>
        From(service, address, forwardedFor).PostAsync("/auth/jwt/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = email,
            ["password"] = GoodPassword,
        }));

}

public sealed class RateLimitSqliteTests(SqliteApiFixture fixture) : RateLimitTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class RateLimitPostgresTests(PostgresApiFixture fixture) : RateLimitTests(fixture), IClassFixture<PostgresApiFixture>;
