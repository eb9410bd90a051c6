using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Platform;

public abstract class PlatformTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public void DataProtection_DoesNotReadItsKeyRingAtStartUp()
    {
        // Only OAuth sign-ins need the key ring (the OAuth tests prove it is read on demand); the warm-up would read the
        // database through EF Core before the first request.
        var hosted = Factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Select(s => s.GetType().FullName).ToList();

        Assert.NotEmpty(hosted);
        Assert.DoesNotContain(global::Users.Api.DependencyInjection.DataProtectionWarmUpType, hosted);
    }

    [SkippableFact]
    public async Task UnknownRoute_Returns404InTheErrorShape()
    {
        var response = await Anonymous().GetAsync("/no/such/route");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
    }

    [SkippableTheory]
    [InlineData("PUT", "/users/me")]
    [InlineData("GET", "/auth/register")]
    [InlineData("GET", "/auth/jwt/login")]
    public async Task WrongMethod_Returns405InTheErrorShape(string method, string path)
    {
        var response = await Anonymous().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "Method Not Allowed");
    }

    [SkippableFact]
    public async Task HealthLive_Returns200()
    {
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().GetAsync("/health/live")).StatusCode);
    }

    [SkippableFact]
    public async Task HealthReady_WithReachableDatabase_Returns200()
    {
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().GetAsync("/health/ready")).StatusCode);
    }

    [SkippableFact]
    public async Task OpenApiDocument_ListsEveryRouteOfTheContract()
    {
        var document = await (await Anonymous().GetAsync("/openapi/v1.json")).JsonAsync();

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/auth/register", "/auth/jwt/login", "/auth/jwt/logout", "/users/me", "/users/{id}", "/users" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }

        Assert.True(paths.GetProperty("/users/{id}").TryGetProperty("patch", out _));
        Assert.True(paths.GetProperty("/users/{id}").TryGetProperty("delete", out _));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("OAuth2PasswordBearer", out _));
    }

    [SkippableFact]
    public async Task OpenApiDocument_DocumentsTheSessionRefreshAndAuditRoutes_WithTheirErrors()
    {
        var document = await (await Anonymous().GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths");
        string[] Codes(string path, string method) =>
            paths.GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["200", "400", "422", "429"], Codes("/auth/jwt/refresh", "post"));
        Assert.Equal(["200", "401"], Codes("/users/me/sessions", "get"));
        Assert.Equal(["204", "401", "404"], Codes("/users/me/sessions/{sessionId}", "delete"));
        Assert.Equal(["200", "401", "403", "404"], Codes("/users/{id}/sessions", "get"));
        Assert.Equal(["204", "401", "403", "404"], Codes("/users/{id}/sessions/{sessionId}", "delete"));
        Assert.Equal(["200", "401", "422"], Codes("/users/me/audit", "get"));
        Assert.Equal(["200", "401", "403", "404", "422"], Codes("/users/{id}/audit", "get"));
        var refreshBody = paths.GetProperty("/auth/jwt/refresh").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(refreshBody.TryGetProperty("application/json", out _));
        Assert.True(refreshBody.TryGetProperty("application/x-www-form-urlencoded", out _));

        // The docs' Authorize button logs in through the password flow, which names the refresh route too.
        var flow = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("OAuth2PasswordBearer").GetProperty("flows").GetProperty("password");
        Assert.Equal("/auth/jwt/login", flow.GetProperty("tokenUrl").GetString());
        Assert.Equal("/auth/jwt/refresh", flow.GetProperty("refreshUrl").GetString());
    }

    [SkippableFact]
    public async Task Docs_ServesTheInteractiveUiForTheOpenApiDocument()
    {
        var page = await Anonymous().GetAsync("/docs/index.html");
        var config = await Anonymous().GetStringAsync("/docs/index.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/openapi/v1.json", config, StringComparison.Ordinal);
    }
}

public sealed class PlatformSqliteTests(SqliteApiFixture fixture) : PlatformTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PlatformPostgresTests(PostgresApiFixture fixture) : PlatformTests(fixture), IClassFixture<PostgresApiFixture>;
