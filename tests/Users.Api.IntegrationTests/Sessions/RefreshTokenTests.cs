using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Infrastructure.Persistence;

namespace Users.Api.IntegrationTests.Sessions;

/// <summary>
/// Refresh tokens over HTTP, on this class's own service with a fake clock: rotation, the reuse interval, reuse
/// detection ending the session, idle and absolute expiry, and what ends a session ending its refresh token.
/// </summary>
public abstract class RefreshTokenTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    // A whole second: instants are stored in milliseconds, so the boundaries below fall where the test says.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    [SkippableFact]
    public async Task Login_AnswersARefreshTokenAndTheAccessTokensLifetime()
    {
        await using var service = Service();
        var (user, _) = await CreateUserAsync();

        var body = await LoginBodyAsync(service, user.Email);

        Assert.Equal(["access_token", "expires_in", "refresh_token", "token_type"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Matches("^[A-Za-z0-9_-]{43}$", body.GetProperty("refresh_token").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
    }

    [SkippableFact]
    public async Task Refresh_ByFormOrJson_AnswersANewPairOfTheSameSession_AndTheOldTokenIsSpent()
    {
        await using var service = Service();
        var (user, _) = await CreateUserAsync();
        var login = await LoginBodyAsync(service, user.Email);

        var byForm = await RefreshAsync(service, Refresh(login), asJson: false);
        var byJson = await RefreshAsync(service, Refresh(await byForm.JsonAsync()), asJson: true);

        Assert.Equal(HttpStatusCode.OK, byForm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byJson.StatusCode);
        var last = await byJson.JsonAsync();
        Assert.NotEqual(Refresh(login), Refresh(last));
        Assert.Equal(
            TestTokens.Payload(Access(login)).GetProperty("sid").GetString(),
            TestTokens.Payload(Access(last)).GetProperty("sid").GetString());
        Assert.Equal(HttpStatusCode.OK, (await WithToken(service, Access(last)).GetAsync("/users/me")).StatusCode);
        var stored = await Factory.InScopeAsync(sp => sp.GetRequiredService<UsersDbContext>().RefreshTokens.AsNoTracking().ToListAsync());
        Assert.DoesNotContain(stored, t => t.TokenHash == Refresh(login) || t.TokenHash == Refresh(last));
    }

    [SkippableFact]
    public async Task ASpentToken_WithinTheReuseInterval_GetsTheSamePairAgain()
    {
        await using var service = Service();
        var (user, _) = await CreateUserAsync();
        var login = await LoginBodyAsync(service, user.Email);

        var first = await (await RefreshAsync(service, Refresh(login))).JsonAsync();
        _clock.Advance(TimeSpan.FromSeconds(10));
        var again = await RefreshAsync(service, Refresh(login));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.ToString(), (await again.JsonAsync()).ToString());
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(service, Refresh(first))).StatusCode); // the family goes on
    }

    [SkippableFact]
    public async Task ASpentToken_AfterTheReuseInterval_EndsTheSession_AndEveryTokenOfIt()
    {
        await using var service = Service();
        var (user, other) = await CreateUserAsync();
        var login = await LoginBodyAsync(service, user.Email);
        var successor = await (await RefreshAsync(service, Refresh(login))).JsonAsync();

        _clock.Advance(TimeSpan.FromSeconds(11));
        var reuse = await RefreshAsync(service, Refresh(login));

        await reuse.AssertProblemAsync(HttpStatusCode.BadRequest, "REFRESH_TOKEN_INVALID");
        await (await WithToken(service, Access(successor)).GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
        await (await RefreshAsync(service, Refresh(successor))).AssertProblemAsync(HttpStatusCode.BadRequest, "REFRESH_TOKEN_INVALID");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/users/me")).StatusCode); // the user's other session stands
    }

    [SkippableFact]
    public async Task ATokenUnusedForTheIdleLifetime_IsRefused()
    {
        await using var service = Service(("Auth:RefreshTokens:IdleSeconds", "3600"));
        var (user, _) = await CreateUserAsync();
        var login = await LoginBodyAsync(service, user.Email);

        _clock.Advance(TimeSpan.FromHours(1));

        await (await RefreshAsync(service, Refresh(login))).AssertProblemAsync(HttpStatusCode.BadRequest, "REFRESH_TOKEN_INVALID");
    }

    [SkippableFact]
    public async Task NoTokenOfTheSession_WorksPastItsAbsoluteLifetime()
    {
        await using var service = Service(("Auth:RefreshTokens:IdleSeconds", "3600"), ("Auth:RefreshTokens:LifetimeSeconds", "5400"));
        var (user, _) = await CreateUserAsync();
        var body = await LoginBodyAsync(service, user.Email);

        _clock.Advance(TimeSpan.FromMinutes(50));
        body = await (await RefreshAsync(service, Refresh(body))).JsonAsync();
        _clock.Advance(TimeSpan.FromMinutes(40)); // 90 minutes after login: within idle, at the absolute end

        await (await RefreshAsync(service, Refresh(body))).AssertProblemAsync(HttpStatusCode.BadRequest, "REFRESH_TOKEN_INVALID");
    }

    [SkippableFact]
    public async Task Logout_LogoutEverywhere_AndAPasswordChange_EndTheRefreshToken()
    {
        await using var service = Service();
        var (user, _) = await CreateUserAsync();
        var loggedOut = await LoginBodyAsync(service, user.Email);
        var everywhere = await LoginBodyAsync(service, user.Email);

        Assert.Equal(HttpStatusCode.NoContent, (await WithToken(service, Access(loggedOut)).PostAsync("/auth/jwt/logout", null)).StatusCode);
        await (await RefreshAsync(service, Refresh(loggedOut))).AssertProblemAsync(HttpStatusCode.BadRequest, "REFRESH_TOKEN_INVALID");
        Assert.Equal(HttpStatusCode.NoContent, (await WithToken(service, Access(everywhere)).PostAsync("/users/me/logout-all", null)).StatusCode);
        await (await RefreshAsync(service, Refresh(everywhere))).AssertProblemAsync(HttpStatusCode.BadRequest, "REFRESH_TOKEN_INVALID");

        var changed = await LoginBodyAsync(service, user.Email);
        var change = await WithToken(service, Access(changed)).PatchAsync("/users/me", Json(new { password = "Brand-New-Passphrase-8" }));
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        await (await RefreshAsync(service, Refresh(changed))).AssertProblemAsync(HttpStatusCode.BadRequest, "REFRESH_TOKEN_INVALID");
    }

    [SkippableFact]
    public async Task EndingTheSessionFromAnotherDevice_EndsItsRefreshToken()
    {
        await using var service = Service();
        var (user, other) = await CreateUserAsync();
        var login = await LoginBodyAsync(service, user.Email);

        var ended = await other.DeleteAsync($"/users/me/sessions/{TestTokens.Payload(Access(login)).GetProperty("sid").GetString()}");

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        await (await RefreshAsync(service, Refresh(login))).AssertProblemAsync(HttpStatusCode.BadRequest, "REFRESH_TOKEN_INVALID");
    }

    [SkippableFact]
    public async Task TwentyParallelRefreshes_OfOneToken_GiveOneSuccessor_AndNeverASecondFamily()
    {
        await using var service = Service();
        var (user, _) = await CreateUserAsync();
        var login = await LoginBodyAsync(service, user.Email);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => RefreshAsync(service, Refresh(login))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var bodies = await Task.WhenAll(answers.Select(a => a.JsonAsync()));
        Assert.Single(bodies.Select(b => Refresh(b)).Distinct());
        var sessionId = Guid.Parse(TestTokens.Payload(Access(login)).GetProperty("sid").GetString()!);
        var live = await Factory.InScopeAsync(sp =>
            sp.GetRequiredService<UsersDbContext>().RefreshTokens.CountAsync(t => t.SessionId == sessionId && t.SpentAt == null));
        Assert.Equal(1, live);
    }

    [SkippableFact]
    public async Task MissingOrMalformedBodies_Are422_AndUnknownTokens_400()
    {
        await using var service = Service();
        var client = service.CreateClient();

        await (await client.PostAsync("/auth/jwt/refresh", new FormUrlEncodedContent([]))).AssertValidationAsync("missing", "body", "refresh_token");
        await (await client.PostAsync("/auth/jwt/refresh", Json("{}"))).AssertValidationAsync("missing", "body", "refresh_token");
        await (await client.PostAsync("/auth/jwt/refresh", Json("{\"refresh_token\": 5}"))).AssertValidationAsync("string_type", "body", "refresh_token");
        await (await client.PostAsync("/auth/jwt/refresh", Json("{\"refresh_token\": "))).AssertValidationAsync("json_invalid", "body");
        await (await RefreshAsync(service, "not-a-token")).AssertProblemAsync(HttpStatusCode.BadRequest, "REFRESH_TOKEN_INVALID");
        await (await RefreshAsync(service, new string('A', 43))).AssertProblemAsync(HttpStatusCode.BadRequest, "REFRESH_TOKEN_INVALID");
    }

    [SkippableFact]
    public async Task WhenDisabled_LoginAnswersExactlyUpstreamsBody_AndThereIsNoRefreshRoute()
    {
        await using var service = Service(("Auth:RefreshTokens:Enabled", "false"));
        var (user, _) = await CreateUserAsync();

        var body = await LoginBodyAsync(service, user.Email);

        Assert.Equal(["access_token", "token_type"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        await (await RefreshAsync(service, new string('A', 43))).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
    }

    [SkippableFact]
    public async Task TheCookieBackend_HasNoRefreshRoute()
    {
        await using var service = Service();

        var response = await service.CreateClient().PostAsync("/auth/cookie/refresh", new FormUrlEncodedContent([]));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
    }

    private WebApplicationFactory<Program> Service(params (string Key, string Value)[] settings)
    {
        var factory = Factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock));
        });
        _ = factory.Server;
        return factory;
    }

    private static async Task<JsonElement> LoginBodyAsync(WebApplicationFactory<Program> service, string email)
    {
        var response = await LoginAsync(service, email, GoodPassword);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static Task<HttpResponseMessage> RefreshAsync(WebApplicationFactory<Program> service, string token, bool asJson = false) =>
        service.CreateClient().PostAsync("/auth/jwt/refresh", asJson
            ? Json(new { refresh_token = token })
            : new FormUrlEncodedContent(new Dictionary<string, string> { ["refresh_token"] = token }));

    private static string Refresh(JsonElement body) => body.GetProperty("refresh_token").GetString()!;

    private static string Access(JsonElement body) => body.GetProperty("access_token").GetString()!;
}

public sealed class RefreshTokenSqliteTests(SqliteApiFixture fixture) : RefreshTokenTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class RefreshTokenPostgresTests(PostgresApiFixture fixture) : RefreshTokenTests(fixture), IClassFixture<PostgresApiFixture>;
