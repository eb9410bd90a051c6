using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Infrastructure.Persistence;

namespace Users.Api.IntegrationTests.Sessions;

/// <summary>
/// Sessions over HTTP: each login starts one, listed with its client; ending one (logout, the list, a superuser)
/// makes every token of it fail on the very next request, whatever the backend.
/// </summary>
public abstract class SessionTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Agent = "SessionTests/1.0 (integration)";

    [SkippableFact]
    public async Task Login_StartsASession_ListedWithItsClientAndBackend_AndMarkedCurrent()
    {
        var (user, _) = await CreateUserAsync();
        var client = WithToken(await LoginFromAsync(user.Email, "203.0.113.25"));

        var response = await client.GetAsync("/users/me/sessions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sessions = (await response.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(2, sessions.Count); // CreateUserAsync's login, then this one
        var mine = Assert.Single(sessions, s => s.GetProperty("current").GetBoolean());
        var started = sessions.Select(s => s.GetProperty("created_at").GetDateTimeOffset()).ToList();
        Assert.Equal(started.OrderDescending(), started); // newest first
        Assert.Equal("jwt", mine.GetProperty("backend").GetString());
        Assert.Equal(Agent, mine.GetProperty("user_agent").GetString());
        Assert.Equal("203.0.113.25", mine.GetProperty("ip").GetString());
        Assert.Equal(mine.GetProperty("created_at").GetDateTimeOffset(), mine.GetProperty("last_used_at").GetDateTimeOffset());
        Assert.Equal(
            ["backend", "created_at", "current", "id", "ip", "last_used_at", "user_agent"],
            mine.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task TheAccessJwt_CarriesItsSessionId()
    {
        var (user, _) = await CreateUserAsync();
        var token = await TokenAsync(user.Email);

        var current = await CurrentSessionAsync(WithToken(token));

        Assert.Equal(current.GetProperty("id").GetString(), TestTokens.Payload(token).GetProperty("sid").GetString());
    }

    [SkippableFact]
    public async Task EndingAnotherOfOnesSessions_KillsItsToken_AtOnce_AndKeepsThisOne()
    {
        var (user, phone) = await CreateUserAsync();
        var laptop = WithToken(await TokenAsync(user.Email));
        var phoneSession = (await CurrentSessionAsync(phone)).GetProperty("id").GetString();

        var ended = await laptop.DeleteAsync($"/users/me/sessions/{phoneSession}");

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        await (await phone.GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/users/me")).StatusCode);
        Assert.DoesNotContain(await SessionIdsAsync(laptop), id => id == phoneSession);
        await (await laptop.DeleteAsync($"/users/me/sessions/{phoneSession}")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
    }

    [SkippableFact]
    public async Task EndingAnotherUsersSession_OrAnUnknownOne_Is404_AndChangesNothing()
    {
        var (_, victim) = await CreateUserAsync();
        var (_, attacker) = await CreateUserAsync();
        var victimSession = (await CurrentSessionAsync(victim)).GetProperty("id").GetString();

        await (await attacker.DeleteAsync($"/users/me/sessions/{victimSession}")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
        await (await attacker.DeleteAsync($"/users/me/sessions/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
        await (await attacker.DeleteAsync("/users/me/sessions/not-a-session")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/users/me")).StatusCode);
    }

    [SkippableFact]
    public async Task TheSessionRoutes_NeedAnActiveUser()
    {
        await (await Anonymous().GetAsync("/users/me/sessions")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
        await (await Anonymous().DeleteAsync($"/users/me/sessions/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task JwtLogout_EndsTheSession_SoTheSameJwtFailsNext()
    {
        var (user, other) = await CreateUserAsync();
        var client = WithToken(await TokenAsync(user.Email));

        var logout = await client.PostAsync("/auth/jwt/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await (await client.GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
        await (await client.PostAsync("/auth/jwt/logout", null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/users/me")).StatusCode); // the user's other session stands
    }

    [SkippableFact]
    public async Task CookieSessions_EndedFromAnotherSession_LoseTheirDatabaseToken_AtOnce()
    {
        var (user, bearer) = await CreateUserAsync();
        var browser = Anonymous();
        var login = await browser.PostAsync("/auth/cookie/login", LoginForm(user.Email));
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        browser.DefaultRequestHeaders.Add("Cookie", cookie);
        var cookieSession = (await SessionsAsync(bearer)).Single(s => s.GetProperty("backend").GetString() == "cookie");

        Assert.Equal(HttpStatusCode.NoContent, (await bearer.DeleteAsync($"/users/me/sessions/{cookieSession.GetProperty("id").GetString()}")).StatusCode);

        await (await browser.GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
        Assert.Equal(0, await Factory.InScopeAsync(sp => sp.GetRequiredService<UsersDbContext>().AccessTokens.CountAsync(t => t.UserId == user.Id)));
    }

    [SkippableFact]
    public async Task CookieLogout_EndsItsSession()
    {
        var (user, bearer) = await CreateUserAsync();
        var browser = Anonymous();
        var login = await browser.PostAsync("/auth/cookie/login", LoginForm(user.Email));
        browser.DefaultRequestHeaders.Add("Cookie", login.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/auth/cookie/logout", null)).StatusCode);

        await (await browser.GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
        Assert.DoesNotContain(await SessionsAsync(bearer), s => s.GetProperty("backend").GetString() == "cookie");
    }

    [SkippableFact]
    public async Task LogoutEverywhere_EndsEverySession()
    {
        var (user, first) = await CreateUserAsync();
        var second = WithToken(await TokenAsync(user.Email));

        Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsync("/users/me/logout-all", null)).StatusCode);

        await (await second.GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
        var fresh = WithToken(await TokenAsync(user.Email));
        Assert.Single(await SessionsAsync(fresh));
    }

    [SkippableFact]
    public async Task APasswordChange_EndsTheOtherSessions()
    {
        var (user, first) = await CreateUserAsync();
        var second = WithToken(await TokenAsync(user.Email));

        Assert.Equal(HttpStatusCode.OK, (await first.PatchAsync("/users/me", Json(new { password = "A-Whole-New-Passphrase-7" }))).StatusCode);

        await (await second.GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
        var fresh = WithToken(await TokenAsync(user.Email, "A-Whole-New-Passphrase-7"));
        Assert.Single(await SessionsAsync(fresh));
    }

    [SkippableFact]
    public async Task AJwtWithoutASession_IsRefused_EvenWellSigned()
    {
        var (user, _) = await CreateUserAsync();
        var token = await TokenAsync(user.Email);

        await (await WithToken(TestTokens.WithoutClaim(token, "sid")).GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
        await (await WithToken(TestTokens.WithClaim(token, "sid", Guid.NewGuid().ToString())).GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task LastUse_IsRecordedAtMostOnceAMinute()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var (user, _) = await CreateUserAsync();
        var token = (await (await LoginAsync(service, user.Email, GoodPassword)).JsonAsync()).GetProperty("access_token").GetString()!;
        var client = WithToken(service, token);
        var started = (await CurrentSessionAsync(client)).GetProperty("last_used_at").GetDateTimeOffset();

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/users/me")).StatusCode);
        var early = (await CurrentSessionAsync(client)).GetProperty("last_used_at").GetDateTimeOffset();
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/users/me")).StatusCode);
        var late = (await CurrentSessionAsync(client)).GetProperty("last_used_at").GetDateTimeOffset();

        Assert.Equal(started, early);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), late.ToUnixTimeMilliseconds());
    }

    [SkippableFact]
    public async Task TwentyParallelLogouts_OfOneSession_AllAnswer204_AndEndIt()
    {
        var (user, _) = await CreateUserAsync();
        var client = WithToken(await TokenAsync(user.Email));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.PostAsync("/auth/jwt/logout", null)));

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.Unauthorized }));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.NoContent);
        await (await client.GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task TwentyParallelEnds_OfOneSession_NeverFail_AndEndIt()
    {
        var (user, owner) = await CreateUserAsync();
        var target = WithToken(await TokenAsync(user.Email));
        var id = (await CurrentSessionAsync(target)).GetProperty("id").GetString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => owner.DeleteAsync($"/users/me/sessions/{id}")));

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.NotFound }));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.NoContent);
        await (await target.GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    private async Task<string> LoginFromAsync(string email, string address)
    {
        await using var service = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, TestClientAddress>()));
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Agent);
        var response = await client.PostAsync("/auth/jwt/login", LoginForm(email));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("access_token").GetString()!;
    }

    private static async Task<List<JsonElement>> SessionsAsync(HttpClient client)
    {
        var response = await client.GetAsync("/users/me/sessions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).EnumerateArray().ToList();
    }

    private static async Task<List<string?>> SessionIdsAsync(HttpClient client) =>
        (await SessionsAsync(client)).Select(s => s.GetProperty("id").GetString()).ToList();

    private static async Task<JsonElement> CurrentSessionAsync(HttpClient client) =>
        (await SessionsAsync(client)).Single(s => s.GetProperty("current").GetBoolean());
}

public sealed class SessionSqliteTests(SqliteApiFixture fixture) : SessionTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class SessionPostgresTests(PostgresApiFixture fixture) : SessionTests(fixture), IClassFixture<PostgresApiFixture>;
