using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Infrastructure.Persistence;

namespace Users.Api.IntegrationTests.Audit;

/// <summary>
/// The audit trail over HTTP: each security event once, with its actor, session and client; never a secret; newest
/// first in keyset pages; a user's own and, for a superuser, anyone's.
/// </summary>
public abstract class AuditTrailTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Wrong = "Not-The-Passphrase-2";
    private const string NewPassword = "Another-Long-Passphrase-6";

    [SkippableFact]
    public async Task AUsersOwnStory_IsRecorded_EachEventOnce_NewestFirst()
    {
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(email)).StatusCode);
        await NextMillisecondAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await LoginAsync(email, Wrong)).StatusCode);
        await NextMillisecondAsync();
        var token = await TokenAsync(email);
        var client = WithToken(token);
        await NextMillisecondAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync("/users/me", Json(new { password = NewPassword }))).StatusCode);
        await NextMillisecondAsync();
        var again = WithToken(await TokenAsync(email, NewPassword));
        await NextMillisecondAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await again.PostAsync("/auth/jwt/logout", null)).StatusCode);
        await NextMillisecondAsync();
        var reader = WithToken(await TokenAsync(email, NewPassword));

        var items = await ItemsAsync(reader, "/users/me/audit");

        Assert.Equal(
            ["login_succeeded", "logout", "login_succeeded", "password_changed", "login_succeeded", "login_failed", "registered"],
            items.Select(i => i.GetProperty("type").GetString()));
        var userId = items[0].GetProperty("user_id").GetString();
        Assert.All(items, i => Assert.Equal(userId, i.GetProperty("user_id").GetString()));
        Assert.Equal(JsonValueKind.Null, items[5].GetProperty("actor_id").ValueKind); // a failed login proves nobody
        Assert.Equal(userId, items[3].GetProperty("actor_id").GetString());
        Assert.Equal(TestTokens.Payload(token).GetProperty("sid").GetString(), items[3].GetProperty("session_id").GetString());
        Assert.Equal(items[2].GetProperty("session_id").GetString(), items[1].GetProperty("session_id").GetString()); // that login's logout
        Assert.Equal(
            ["actor_id", "at", "id", "ip", "session_id", "type", "user_agent", "user_id"],
            items[0].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task EachEntry_CarriesTheClientOfTheRequestThatCausedIt()
    {
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(email)).StatusCode);
        await NextMillisecondAsync();
        var phoneToken = await TokenFromAsync("PhoneApp/2.1", email);
        await NextMillisecondAsync();
        var laptopToken = await TokenFromAsync("LaptopBrowser/9.0", email);

        var items = await ItemsAsync(WithToken(laptopToken), "/users/me/audit");

        Assert.Equal(["login_succeeded", "login_succeeded", "registered"], items.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal("LaptopBrowser/9.0", items[0].GetProperty("user_agent").GetString());
        Assert.Equal(TestTokens.Payload(laptopToken).GetProperty("sid").GetString(), items[0].GetProperty("session_id").GetString());
        Assert.Equal("PhoneApp/2.1", items[1].GetProperty("user_agent").GetString());
        Assert.Equal(TestTokens.Payload(phoneToken).GetProperty("sid").GetString(), items[1].GetProperty("session_id").GetString());
    }

    [SkippableFact]
    public async Task AdminActions_AreActedByTheSuperuser()
    {
        var (admin, adminClient) = await CreateUserAsync(superuser: true);
        var (user, _) = await CreateUserAsync();

        Assert.Equal(HttpStatusCode.OK, (await adminClient.PatchAsync($"/users/{user.Id}", Json(new { is_active = false, is_superuser = true, is_verified = true }))).StatusCode);
        await NextMillisecondAsync();
        Assert.Equal(HttpStatusCode.OK, (await adminClient.PatchAsync($"/users/{user.Id}", Json(new { is_active = true, is_superuser = false }))).StatusCode);
        var items = await ItemsAsync(adminClient, $"/users/{user.Id}/audit");

        Assert.Equal(
            ["superuser_revoked", "activated", "verified", "superuser_granted", "deactivated"],
            items.Take(5).Select(i => i.GetProperty("type").GetString()));
        Assert.All(items.Take(5), i => Assert.Equal(admin.Id.ToString(), i.GetProperty("actor_id").GetString()));
    }

    [SkippableFact]
    public async Task ResetVerifySessionsAndDeletion_AreRecorded_AndTheTrailOutlivesTheUser()
    {
        var (_, adminClient) = await CreateUserAsync(superuser: true);
        var (user, client) = await CreateUserAsync();
        await NextMillisecondAsync();
        await Anonymous().PostAsync("/auth/request-verify-token", Json(new { email = user.Email }));
        var verifyToken = PickupMailbox.TokenIn(await Factory.Mailbox.WaitForAsync(user.Email));
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().PostAsync("/auth/verify", Json(new { token = verifyToken }))).StatusCode);
        await NextMillisecondAsync();
        await Anonymous().PostAsync("/auth/forgot-password", Json(new { email = user.Email }));
        var resetToken = PickupMailbox.TokenIn(await Factory.Mailbox.WaitForAsync(user.Email, count: 2));
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().PostAsync("/auth/reset-password", Json(new { token = resetToken, password = NewPassword }))).StatusCode);
        await NextMillisecondAsync();
        var freshToken = await TokenAsync(user.Email, NewPassword);
        await NextMillisecondAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await WithToken(freshToken).PostAsync("/users/me/logout-all", null)).StatusCode);
        await NextMillisecondAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await adminClient.DeleteAsync($"/users/{user.Id}")).StatusCode);

        var items = await ItemsAsync(adminClient, $"/users/{user.Id}/audit");

        Assert.Equal(
            ["user_deleted", "session_ended", "login_succeeded", "password_reset", "verified", "login_succeeded", "registered"],
            items.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal(TestTokens.Payload(freshToken).GetProperty("sid").GetString(), items[1].GetProperty("session_id").GetString()); // where logout-all came from
        await (await client.GetAsync("/users/me/audit")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task EmailChanges_EndedSessions_RefreshReuse_AndLockouts_AreRecorded()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await using var service = Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Auth:Lockout:MaxFailures", "2");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        // Every step through this one service and its clock, so the trail's order is the clock's.
        var email = NewEmail();
        var registered = await (await service.CreateClient().PostAsync("/auth/register", Json(new { email, password = GoodPassword }))).JsonAsync();
        var userId = registered.GetProperty("id").GetString();
        var tick = () => clock.Advance(TimeSpan.FromSeconds(1)); // entries of one millisecond have no order between commits
        tick();
        var first = await (await LoginAsync(service, email, GoodPassword)).JsonAsync();
        tick();
        var second = await (await LoginAsync(service, email, GoodPassword)).JsonAsync();
        var client = WithToken(service, first.GetProperty("access_token").GetString()!);
        var secondSession = TestTokens.Payload(second.GetProperty("access_token").GetString()!).GetProperty("sid").GetString();

        var moved = NewEmail("moved");
        tick();
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync("/users/me", Json(new { email = moved }))).StatusCode);
        tick();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/users/me/sessions/{secondSession}")).StatusCode);
        tick();
        var refresh = first.GetProperty("refresh_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await Refresh(service, refresh)).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(HttpStatusCode.BadRequest, (await Refresh(service, refresh)).StatusCode); // reuse: the first session ends
        for (var i = 0; i < 3; i++)
        {
            tick();
            await LoginAsync(service, moved, Wrong);
        }

        var (_, admin) = await CreateUserAsync(superuser: true);
        var types = (await ItemsAsync(admin, $"/users/{userId}/audit")).Select(i => i.GetProperty("type").GetString()).ToList();

        Assert.Equal(
            ["login_locked", "login_failed", "login_failed", "refresh_reuse_detected", "session_ended", "email_changed", "login_succeeded", "login_succeeded", "registered"],
            types);
    }

    [SkippableFact]
    public async Task NoEntry_HoldsAPasswordATokenOrAHash()
    {
        var email = NewEmail();
        await RegisterAsync(email);
        await LoginAsync(email, Wrong);
        var login = await (await LoginAsync(email)).JsonAsync();
        var access = login.GetProperty("access_token").GetString()!;
        var refresh = login.GetProperty("refresh_token").GetString()!;
        var client = WithToken(access);
        await client.PatchAsync("/users/me", Json(new { password = NewPassword }));

        var rows = await Factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<UsersDbContext>();
            var hashes = await db.Users.Where(u => u.Email == email).Select(u => u.HashedPassword).ToListAsync();
            var entries = await db.AuditEvents.AsNoTracking().ToListAsync();
            return (hashes, entries.Select(e => JsonSerializer.Serialize(e)).ToList());
        });

        var secrets = new[] { GoodPassword, Wrong, NewPassword, access, refresh, access.Split('.')[2] }.Concat(rows.hashes);
        Assert.NotEmpty(rows.Item2);
        Assert.All(rows.Item2, row => Assert.All(secrets, secret => Assert.DoesNotContain(secret, row, StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task Pages_WalkTheWholeTrail_NewestFirst_WithoutRepeats()
    {
        var (user, client) = await CreateUserAsync();
        for (var i = 0; i < 4; i++)
        {
            await NextMillisecondAsync();
            await TokenAsync(user.Email);
        }

        var first = await (await client.GetAsync("/users/me/audit?limit=2")).JsonAsync();
        var second = await (await client.GetAsync($"/users/me/audit?limit=2&cursor={first.GetProperty("next_cursor").GetString()}")).JsonAsync();
        var third = await (await client.GetAsync($"/users/me/audit?limit=2&cursor={second.GetProperty("next_cursor").GetString()}")).JsonAsync();
        var all = await ItemsAsync(client, "/users/me/audit");

        var paged = new[] { first, second, third }.SelectMany(p => p.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal(all.Select(i => i.GetProperty("id").GetString()), paged);
        Assert.Equal(6, paged.Count); // registered + five logins (CreateUserAsync's and the four above)
        Assert.Equal(JsonValueKind.Null, third.GetProperty("next_cursor").ValueKind);
        var times = all.Select(i => i.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [SkippableFact]
    public async Task BadPageParameters_Are422_AndTheRoutesAreGuarded()
    {
        var (user, client) = await CreateUserAsync();

        await (await client.GetAsync("/users/me/audit?limit=abc")).AssertValidationAsync("int_parsing", "query", "limit");
        await (await client.GetAsync("/users/me/audit?limit=0")).AssertValidationAsync("value_error", "query", "limit");
        await (await client.GetAsync("/users/me/audit?cursor=nope")).AssertValidationAsync("value_error", "query", "cursor");
        await (await Anonymous().GetAsync("/users/me/audit")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
        await (await client.GetAsync($"/users/{user.Id}/audit")).AssertProblemAsync(HttpStatusCode.Forbidden, "Forbidden");
        var (_, admin) = await CreateUserAsync(superuser: true);
        await (await admin.GetAsync($"/users/{Guid.NewGuid()}/audit")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
        await (await admin.GetAsync("/users/not-an-id/audit")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
    }

    // The trail orders by time to the millisecond (and by recording within one commit); a step of these stories can
    // take less than that, so each waits for the next millisecond before the next one.
    private static Task NextMillisecondAsync() => Task.Delay(2);

    private static Task<HttpResponseMessage> Refresh(WebApplicationFactory<Program> service, string token) =>
        service.CreateClient().PostAsync("/auth/jwt/refresh", new FormUrlEncodedContent(new Dictionary<string, string> { ["refresh_token"] = token }));

    private async Task<string> TokenFromAsync(string userAgent, string email)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        var response = await client.PostAsync("/auth/jwt/login", LoginForm(email));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("access_token").GetString()!;
    }

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path + "?limit=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
    }
}

public sealed class AuditTrailSqliteTests(SqliteApiFixture fixture) : AuditTrailTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class AuditTrailPostgresTests(PostgresApiFixture fixture) : AuditTrailTests(fixture), IClassFixture<PostgresApiFixture>;
