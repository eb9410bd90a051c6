using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Reliability;

/// <summary>
/// The service as a real process over a PostgreSQL cluster of its own that the test stops (as a crash does) and
/// starts again: while it is down every route answers 503 in the contract's shape with <c>Retry-After</c> within 5 s,
/// readiness fails and liveness holds; once it is back the service serves again within 5 s, by itself.
/// </summary>
public sealed class DatabaseOutageTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    private static readonly TimeSpan AnswerLimit = TimeSpan.FromSeconds(5);

    [SkippableFact]
    public async Task WhileDown_EveryRouteAnswers503Promptly_AndAfterwardsTheServiceRecoversByItself()
    {
        cluster.RequireAvailable();
        var database = await cluster.CreateDatabaseAsync();
        var mailbox = new PickupMailbox(Directory.CreateTempSubdirectory("users-outage-mail-").FullName);
        var admin = $"admin-{Guid.NewGuid():N}@example.com";
        var (created, _, error) = await CommandLineProcess.RunAsync(
            ["create-user", "--email", admin, "--password", ApiTestBase.GoodPassword, "--superuser", "--verified"],
            database, extra: new() { ["Database__Provider"] = "Postgres", ["Database__MigrateOnStartup"] = "true" });
        Assert.True(created == 0, error);
        await using var service = await ServiceProcess.StartAsync(DatabaseProvider.Postgres, database, new Dictionary<string, string>
        {
            ["Email:PickupDirectory"] = mailbox.Directory,
        });
        var client = service.Client;

        var email = $"outage-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(email)).StatusCode);
        var me = await client.SendWithTokenAsync(HttpMethod.Get, "/users/me", await client.TokenAsync(admin));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var userId = (await me.JsonAsync()).GetProperty("id").GetString();
        var login = await client.LoginBodyAsync(email);
        var token = login.GetProperty("access_token").GetString()!;
        var adminToken = await client.TokenAsync(admin);
        await client.PostAsJsonAsync("/auth/request-verify-token", new { email });
        await client.PostAsJsonAsync("/auth/forgot-password", new { email });
        var verifyToken = PickupMailbox.TokenIn(await mailbox.WaitForAsync(email, count: 1));
        var resetToken = PickupMailbox.TokenIn(await mailbox.WaitForAsync(email, count: 2));

        cluster.Stop(immediate: true);
        try
        {
            var routes = new (HttpMethod Method, string Path, object? Body, string? Bearer)[]
            {
                (HttpMethod.Post, "/auth/register", new { email = $"new-{Guid.NewGuid():N}@example.com", password = ApiTestBase.GoodPassword }, null),
                (HttpMethod.Post, "/auth/jwt/login", null, null),
                (HttpMethod.Post, "/auth/jwt/refresh", new { refresh_token = login.GetProperty("refresh_token").GetString() }, null),
                (HttpMethod.Post, "/auth/jwt/logout", null, token),
                (HttpMethod.Post, "/auth/forgot-password", new { email }, null),
                (HttpMethod.Post, "/auth/request-verify-token", new { email }, null),
                (HttpMethod.Post, "/auth/verify", new { token = verifyToken }, null),
                (HttpMethod.Get, $"/auth/verify?token={Uri.EscapeDataString(verifyToken)}", null, null),
                (HttpMethod.Post, "/auth/reset-password", new { token = resetToken, password = "Another-Good-Passw0rd" }, null),
                (HttpMethod.Get, "/users/me", null, token),
                (HttpMethod.Patch, "/users/me", new { email = $"moved-{Guid.NewGuid():N}@example.com" }, token),
                (HttpMethod.Get, "/users/me/sessions", null, token),
                (HttpMethod.Delete, $"/users/me/sessions/{Guid.NewGuid()}", null, token),
                (HttpMethod.Post, "/users/me/logout-all", null, token),
                (HttpMethod.Get, "/users/me/audit", null, token),
                (HttpMethod.Get, "/users/me/oauth-accounts", null, token),
                (HttpMethod.Get, "/users", null, adminToken),
                (HttpMethod.Get, $"/users/{userId}", null, adminToken),
                (HttpMethod.Patch, $"/users/{userId}", new { is_verified = true }, adminToken),
                (HttpMethod.Delete, $"/users/{userId}", null, adminToken),
                (HttpMethod.Get, $"/users/{userId}/sessions", null, adminToken),
                (HttpMethod.Delete, $"/users/{userId}/sessions/{Guid.NewGuid()}", null, adminToken),
                (HttpMethod.Get, $"/users/{userId}/audit", null, adminToken),
                (HttpMethod.Get, $"/users/{userId}/lockout", null, adminToken),
                (HttpMethod.Delete, $"/users/{userId}/lockout", null, adminToken),
            };
            foreach (var (method, path, body, bearer) in routes)
            {
                using var request = new HttpRequestMessage(method, path);
                request.Content = path == "/auth/jwt/login"
                    ? new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = email, ["password"] = ApiTestBase.GoodPassword })
                    : body is null ? null : JsonContent.Create(body);
                if (bearer is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                }

                var clock = Stopwatch.StartNew();
                using var response = await client.SendAsync(request);
                clock.Stop();

                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{method} {path}: {(int)response.StatusCode} {text}");
                Assert.True(clock.Elapsed < AnswerLimit, $"{method} {path} took {clock.Elapsed.TotalSeconds:0.0} s");
                Assert.True(response.Headers.RetryAfter is not null, $"{method} {path}: no Retry-After");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(503, JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32());
                Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            cluster.Start();
        }

        // Back: the pool's dead connections must not keep failing requests; the service serves again within 5 s.
        var back = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.SendWithTokenAsync(HttpMethod.Get, "/users/me", token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.True(back.Elapsed < AnswerLimit, $"Still {(int)response.StatusCode} {back.Elapsed.TotalSeconds:0.0} s after PostgreSQL came back: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.False(string.IsNullOrEmpty(await client.TokenAsync(email)));
    }
}
