using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Reliability;

/// <summary>
/// OpenTelemetry over OTLP to a real receiver when the standard endpoint variable is set (with no password, token or
/// hash in any export), nothing without it, and JSON console logs whose trace id is the error body's.
/// </summary>
public sealed class ObservabilityTests
{
    private static readonly TimeSpan ExportLimit = TimeSpan.FromSeconds(20);

    [SkippableFact]
    public async Task WithAnOtlpEndpoint_TracesAndMetricsAreExported_WithoutAnySecret()
    {
        await using var receiver = new OtlpReceiver();
        var mailbox = new PickupMailbox(Directory.CreateTempSubdirectory("users-otel-mail-").FullName);
        await using var service = await ServiceProcess.StartAsync(DatabaseProvider.Postgres, await TestDatabases.CreateAsync(DatabaseProvider.Postgres), new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["Email:PickupDirectory"] = mailbox.Directory,
        });
        var client = service.Client;
        var email = $"otel-{Guid.NewGuid():N}@example.com";
        var password = "Telemetry-Secret-Passw0rd-" + Guid.NewGuid().ToString("N")[..8];

        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(email, password)).StatusCode);
        var wrong = await client.LoginAsync(email, password + "x");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var login = await client.LoginBodyAsync(email, password);
        var accessToken = login.GetProperty("access_token").GetString()!;
        var refreshToken = login.GetProperty("refresh_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithTokenAsync(HttpMethod.Get, "/users/me", accessToken)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/auth/jwt/refresh", new { refresh_token = refreshToken })).StatusCode);
        await client.PostAsJsonAsync("/auth/request-verify-token", new { email });
        var verifyToken = PickupMailbox.TokenIn(await mailbox.WaitForAsync(email));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/auth/verify?token={Uri.EscapeDataString(verifyToken)}")).StatusCode);

        await receiver.WaitForAsync("/v1/traces", "/users/me", ExportLimit);
        await receiver.WaitForAsync("/v1/traces", "/auth/verify", ExportLimit);
        await receiver.WaitForAsync("/v1/traces", "SELECT", ExportLimit); // Npgsql's command spans
        await receiver.WaitForAsync("/v1/metrics", "users.logins", ExportLimit);
        await receiver.WaitForAsync("/v1/metrics", "users.token_refreshes", ExportLimit);
        await receiver.WaitForAsync("/v1/metrics", "users.mails", ExportLimit);
        await receiver.WaitForAsync("/v1/metrics", "http.server.request.duration", ExportLimit);

        var exported = receiver.Text("/v1/traces") + receiver.Text("/v1/metrics");
        foreach (var secret in new[] { password, accessToken, refreshToken, verifyToken, "$argon2id$" })
        {
            Assert.DoesNotContain(secret, exported, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(email, exported, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithoutAnOtlpEndpoint_NoTelemetryIsSetUp()
    {
        await using var factory = new UsersApiFactory(
            DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("users-otel-").FullName, "users.db")}");
        _ = factory.Server;

        Assert.Null(factory.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task JsonLogs_CarryTheTraceIdOfTheErrorBody()
    {
        await using var service = await ServiceProcess.StartAsync(DatabaseProvider.Sqlite, await TestDatabases.CreateAsync(DatabaseProvider.Sqlite), new Dictionary<string, string>
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
        });

        var response = await service.Client.LoginAsync($"nobody-{Guid.NewGuid():N}@example.com", "Wrong-Passw0rd-Here");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var traceId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("traceId").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        await service.WaitForOutputAsync(traceId, TimeSpan.FromSeconds(10));
        var line = service.Output.Split('\n').First(l => l.Contains(traceId, StringComparison.Ordinal));
        var scopes = JsonDocument.Parse(line).RootElement.GetProperty("Scopes").EnumerateArray();
        Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var id) && id.GetString() == traceId);
    }
}
