using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Auth;

/// <summary>
/// Login lockout over HTTP, with three failures allowed and waits of 30, 60, then at most 120 seconds, on a fake clock.
/// Known and unknown addresses are locked alike; the lock holds even for the right password; its count is shared by
/// every instance over the database.
/// </summary>
public abstract class LockoutTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Wrong = "Not-The-Passphrase-1";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [SkippableFact]
    public async Task AfterTheLimit_EvenTheRightPassword_Is429LoginLocked_UntilTheWaitIsOver()
    {
        await using var service = Locking();
        var (user, _) = await CreateUserAsync();

        var failures = await FailAsync(service, user.Email, 3);
        var locked = await LoginAsync(service, user.Email, GoodPassword);

        Assert.All(failures, f => Assert.Equal(HttpStatusCode.BadRequest, f.StatusCode));
        await locked.AssertProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_LOCKED");
        Assert.Equal(TimeSpan.FromSeconds(30), locked.Headers.RetryAfter?.Delta);
        _clock.Advance(TimeSpan.FromSeconds(29));
        await (await LoginAsync(service, user.Email, GoodPassword)).AssertProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_LOCKED");
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(service, user.Email, GoodPassword)).StatusCode);
        await (await FailAsync(service, user.Email, 1))[0].AssertProblemAsync(HttpStatusCode.BadRequest, "LOGIN_BAD_CREDENTIALS"); // counting starts again
    }

    [SkippableFact]
    public async Task EachFurtherFailure_DoublesTheWait_UpToTheCap()
    {
        await using var service = Locking();
        var (user, _) = await CreateUserAsync();
        await FailAsync(service, user.Email, 3);

        var waits = new List<TimeSpan?>();
        for (var i = 0; i < 4; i++)
        {
            var locked = await LoginAsync(service, user.Email, Wrong);
            waits.Add(locked.Headers.RetryAfter?.Delta);
            _clock.Advance(locked.Headers.RetryAfter!.Delta!.Value);
            await FailAsync(service, user.Email, 1); // the first attempt after the wait is checked, and fails again
        }

        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(120)], waits);
    }

    [SkippableFact]
    public async Task KnownAndUnknownAddresses_AreLockedAlike_InStatusBodyAndTime()
    {
        await using var service = Locking();
        var (known, _) = await CreateUserAsync();
        var unknown = NewEmail("ghost");

        var knownAnswers = await FailAsync(service, known.Email, 4);
        var unknownAnswers = await FailAsync(service, unknown, 4);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(knownAnswers[i].StatusCode, unknownAnswers[i].StatusCode);
            Assert.Equal(Detail(await knownAnswers[i].JsonAsync()), Detail(await unknownAnswers[i].JsonAsync()));
            Assert.Equal(knownAnswers[i].Headers.RetryAfter?.Delta, unknownAnswers[i].Headers.RetryAfter?.Delta);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, knownAnswers[3].StatusCode);
        var knownMs = new List<double>();
        var unknownMs = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            knownMs.Add(await TimeAsync(() => LoginAsync(service, known.Email, Wrong)));
            unknownMs.Add(await TimeAsync(() => LoginAsync(service, unknown, Wrong)));
        }

        var difference = Math.Abs(Median(knownMs) - Median(unknownMs));
        Assert.True(difference < 10, $"median known {Median(knownMs):0.00} ms, unknown {Median(unknownMs):0.00} ms");
    }

    [SkippableFact]
    public async Task APasswordReset_EndsTheLock()
    {
        await using var service = Locking();
        var (user, _) = await CreateUserAsync();
        await FailAsync(service, user.Email, 3);

        await service.CreateClient().PostAsync("/auth/forgot-password", Json(new { email = user.Email }));
        var token = PickupMailbox.TokenIn(await Factory.Mailbox.WaitForAsync(user.Email));
        var reset = await service.CreateClient().PostAsync("/auth/reset-password", Json(new { token, password = "Chosen-Anew-Passphrase-4" }));

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(service, user.Email, "Chosen-Anew-Passphrase-4")).StatusCode);
    }

    [SkippableFact]
    public async Task ASuperuser_SeesAndClearsALockout_OthersMayNot()
    {
        await using var service = Locking();
        var (user, userClient) = await CreateUserAsync();
        var (admin, _) = await CreateUserAsync(superuser: true);
        var adminClient = WithToken(service, await TokenAsync(admin.Email));
        await FailAsync(service, user.Email, 3);

        var seen = await (await adminClient.GetAsync($"/users/{user.Id}/lockout")).JsonAsync();
        var cleared = await adminClient.DeleteAsync($"/users/{user.Id}/lockout");
        var after = await (await adminClient.GetAsync($"/users/{user.Id}/lockout")).JsonAsync();

        Assert.Equal(3, seen.GetProperty("failures").GetInt32());
        Assert.Equal(_clock.GetUtcNow().AddSeconds(30).UtcDateTime, seen.GetProperty("locked_until").GetDateTime(), TimeSpan.FromSeconds(1));
        Assert.EndsWith("Z", seen.GetProperty("locked_until").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(0, after.GetProperty("failures").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.GetProperty("locked_until").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(service, user.Email, GoodPassword)).StatusCode);
        await (await adminClient.GetAsync($"/users/{Guid.NewGuid()}/lockout")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
        await (await adminClient.DeleteAsync("/users/not-a-uuid/lockout")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
        await (await userClient.GetAsync($"/users/{user.Id}/lockout")).AssertProblemAsync(HttpStatusCode.Forbidden, "Forbidden");
        await (await Anonymous().DeleteAsync($"/users/{user.Id}/lockout")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task TheCount_IsSharedByEveryInstanceOverTheDatabase()
    {
        await using var first = Locking();
        await using var second = Locking();
        var (user, _) = await CreateUserAsync();

        await FailAsync(first, user.Email, 2);
        await FailAsync(second, user.Email, 1);

        await (await LoginAsync(first, user.Email, GoodPassword)).AssertProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_LOCKED");
        await (await LoginAsync(second, user.Email, GoodPassword)).AssertProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_LOCKED");
    }

    [SkippableFact]
    public async Task WrongCurrentPasswords_CountToo_AndTheLockStopsTheNextCheck()
    {
        await using var service = Locking(("Auth:RequireCurrentPassword", "true"));
        var (user, _) = await CreateUserAsync();
        var client = WithToken(service, await TokenAsync(user.Email));
        object Change(string current) => new { password = "Another-Passphrase-5", current_password = current };

        for (var i = 0; i < 3; i++)
        {
            await (await client.PatchAsync("/users/me", Json(Change(Wrong)))).AssertProblemAsync(HttpStatusCode.BadRequest, "UPDATE_USER_BAD_CURRENT_PASSWORD");
        }

        var locked = await client.PatchAsync("/users/me", Json(Change(GoodPassword)));

        await locked.AssertProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_LOCKED");
        Assert.NotNull(locked.Headers.RetryAfter?.Delta);
        await (await LoginAsync(service, user.Email, GoodPassword)).AssertProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_LOCKED");
    }

    // The service with a lockout small enough to reach, on this test's clock.
    private WebApplicationFactory<Program> Locking(params (string Key, string Value)[] settings)
    {
        var factory = Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Auth:Lockout:MaxFailures", "3");
            b.UseSetting("Auth:Lockout:BaseSeconds", "30");
            b.UseSetting("Auth:Lockout:MaxSeconds", "120");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock));
        });
        _ = factory.Server;
        return factory;
    }

    private static async Task<List<HttpResponseMessage>> FailAsync(WebApplicationFactory<Program> service, string email, int times)
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < times; i++)
        {
            answers.Add(await LoginAsync(service, email, Wrong));
        }

        return answers;
    }

    private static string Detail(System.Text.Json.JsonElement body) => body.GetProperty("detail").ToString();

    private static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> request)
    {
        var started = Stopwatch.GetTimestamp();
        await request();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}

public sealed class LockoutSqliteTests(SqliteApiFixture fixture) : LockoutTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class LockoutPostgresTests(PostgresApiFixture fixture) : LockoutTests(fixture), IClassFixture<PostgresApiFixture>;
