using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using StackExchange.Redis;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Infrastructure.Redis;
using Users.Infrastructure.Security;

namespace Users.Api.IntegrationTests.Platform;

/// <summary>
/// The <c>redis</c> token strategy (FastAPI Users' <c>RedisStrategy</c>) mounted as a bearer backend over a real
/// redis-server: the key layout and its TTL, use, logout, log out everywhere, deactivation, and Redis down. Redis does
/// not depend on the database, so these run over SQLite only.
/// </summary>
public sealed class RedisTokenStrategyTests(SqliteApiFixture fixture) : ApiTestBase(fixture), IClassFixture<SqliteApiFixture>, IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private WebApplicationFactory<Program>? _service;
    private ConnectionMultiplexer? _connection;

    private WebApplicationFactory<Program> Service => _service!;

    private IDatabase Redis => _connection!.GetDatabase();

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        if (_redis.UnavailableReason is not null)
        {
            return;
        }

        _connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        _service = Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Redis:Configuration", _redis.Configuration);
            b.UseSetting("Auth:AccessTokenLifetimeSeconds", "1800");
            b.UseSetting("Auth:Backends:0:Name", "jwt");
            b.UseSetting("Auth:Backends:0:Transport", "Bearer");
            b.UseSetting("Auth:Backends:0:Strategy", "jwt");
            b.UseSetting("Auth:Backends:1:Name", "redis");
            b.UseSetting("Auth:Backends:1:Transport", "Bearer");
            b.UseSetting("Auth:Backends:1:Strategy", "redis");
        });
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        _connection?.Dispose();
        await _redis.DisposeAsync();
    }

    [SkippableFact]
    public async Task Login_StoresTheTokensHashUnderFastApiUsersPrefix_WithTheUsersId_AndTheLifetimeAsTtl()
    {
        _redis.SkipIfUnavailable();
        var (user, _) = await CreateUserAsync();

        var token = await RedisTokenAsync(user.Email);

        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        var key = RedisAccessTokenStrategy.TokenKeyPrefix + OpaqueTokens.Hash(token);
        Assert.Equal(user.Id.ToString(), (string?)await Redis.StringGetAsync(key));
        Assert.False(await Redis.KeyExistsAsync(RedisAccessTokenStrategy.TokenKeyPrefix + token)); // never the token itself
        var ttl = await Redis.KeyTimeToLiveAsync(key);
        Assert.InRange(ttl!.Value.TotalSeconds, 1790, 1800);
        Assert.Equal(HttpStatusCode.OK, (await WithToken(Service, token).GetAsync("/users/me")).StatusCode);
    }

    [SkippableFact]
    public async Task Logout_DeletesTheKeys_AndTheTokenStopsWorking()
    {
        _redis.SkipIfUnavailable();
        var (user, _) = await CreateUserAsync();
        var token = await RedisTokenAsync(user.Email);
        var client = WithToken(Service, token);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/auth/redis/logout", null)).StatusCode);

        Assert.False(await Redis.KeyExistsAsync(RedisAccessTokenStrategy.TokenKeyPrefix + OpaqueTokens.Hash(token)));
        Assert.False(await Redis.KeyExistsAsync(RedisAccessTokenStrategy.SessionKeyPrefix + OpaqueTokens.Hash(token)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/users/me")).StatusCode);
    }

    [SkippableFact]
    public async Task LogoutAll_RemovesEveryKeyOfTheUser_AndNoOtherUsers()
    {
        _redis.SkipIfUnavailable();
        var (user, _) = await CreateUserAsync();
        var (other, _) = await CreateUserAsync();
        var first = await RedisTokenAsync(user.Email);
        var second = await RedisTokenAsync(user.Email);
        var others = await RedisTokenAsync(other.Email);

        Assert.Equal(HttpStatusCode.NoContent, (await WithToken(Service, first).PostAsync("/users/me/logout-all", null)).StatusCode);

        foreach (var token in new[] { first, second })
        {
            Assert.False(await Redis.KeyExistsAsync(RedisAccessTokenStrategy.TokenKeyPrefix + OpaqueTokens.Hash(token)));
            Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(Service, token).GetAsync("/users/me")).StatusCode);
        }

        Assert.True(await Redis.KeyExistsAsync(RedisAccessTokenStrategy.TokenKeyPrefix + OpaqueTokens.Hash(others)));
        Assert.Equal(HttpStatusCode.OK, (await WithToken(Service, others).GetAsync("/users/me")).StatusCode);
    }

    [SkippableFact]
    public async Task Deactivation_RemovesTheUsersKeys()
    {
        _redis.SkipIfUnavailable();
        var (user, _) = await CreateUserAsync();
        var token = await RedisTokenAsync(user.Email);
        var (superuser, _) = await CreateUserAsync(superuser: true);
        var admin = WithToken(Service, await TokenAsync(superuser.Email)); // through the host that has Redis

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/users/{user.Id}", new { is_active = false })).StatusCode);

        Assert.False(await Redis.KeyExistsAsync(RedisAccessTokenStrategy.TokenKeyPrefix + OpaqueTokens.Hash(token)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(Service, token).GetAsync("/users/me")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task ATokenRedisDoesNotHold_IsUnauthorized(string token)
    {
        _redis.SkipIfUnavailable();

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(Service, token).GetAsync("/users/me")).StatusCode);
    }

    [SkippableFact]
    public async Task WhenRedisIsDown_ARedisTokenAnswers503InTime_NotAHang()
    {
        _redis.SkipIfUnavailable();
        var (user, _) = await CreateUserAsync();
        var token = await RedisTokenAsync(user.Email);
        _redis.Stop();
        try
        {
            var started = Stopwatch.GetTimestamp();
            var response = await WithToken(Service, token).GetAsync("/users/me");

            await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "Service Unavailable");
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(RedisConnection.TimeoutMilliseconds / 1000.0 + 2));
        }
        finally
        {
            _redis.Start();
            await _redis.WaitUntilAnsweringAsync();
        }
    }

    private async Task<string> RedisTokenAsync(string email)
    {
        var response = await Service.CreateClient().PostAsync("/auth/redis/login", LoginForm(email));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("access_token").GetString()!;
    }
}
