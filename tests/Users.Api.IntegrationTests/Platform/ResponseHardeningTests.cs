using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Platform;

/// <summary>What every response says about itself: not to be sniffed, not to be stored, not which server made it.</summary>
public abstract class ResponseHardeningTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task TokenResponses_AreNeverStored()
    {
        var (user, client) = await CreateUserAsync();

        var bearer = await LoginAsync(user.Email);
        var cookie = await Anonymous().PostAsync("/auth/cookie/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = user.Email,
            ["password"] = GoodPassword,
        }));
        var me = await client.GetAsync("/users/me");

        foreach (var response in new[] { bearer, cookie, me })
        {
            Assert.True(response.IsSuccessStatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage?.RequestUri} may be stored");
            AssertNoSniff(response);
        }
    }

    [SkippableFact]
    public async Task ErrorResponses_CarryTheHeadersToo()
    {
        var unauthorized = await Anonymous().GetAsync("/users/me");
        var notFound = await Anonymous().GetAsync("/nowhere");
        var invalid = await Anonymous().PostAsync("/auth/register", Json("{"));

        foreach (var response in new[] { unauthorized, notFound, invalid })
        {
            Assert.False(response.IsSuccessStatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore);
            AssertNoSniff(response);
        }
    }

    [SkippableFact]
    public async Task Docs_KeepTheirOwnCaching_ButAreNotSniffed()
    {
        var docs = await Anonymous().GetAsync("/docs/index.html");

        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.NotEqual(true, docs.Headers.CacheControl?.NoStore);
        AssertNoSniff(docs);
    }

    [SkippableFact]
    public async Task Hsts_IsOffByDefault_AndOnlyOverHttpsWhenEnabled()
    {
        await using var enabled = Factory.WithWebHostBuilder(b => b
            .UseSetting("Hsts:Enabled", "true")
            .UseSetting("Hsts:MaxAgeSeconds", "600")
            .UseSetting("Hsts:IncludeSubDomains", "true"));

        var byDefault = await Https(Factory).GetAsync("/health/live");
        var overHttps = await Https(enabled).GetAsync("/health/live");
        var overHttp = await enabled.CreateClient().GetAsync("/health/live");

        Assert.False(byDefault.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("max-age=600; includeSubDomains", Assert.Single(overHttps.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
    }

    [SkippableFact]
    public void Kestrel_SendsNoServerHeader()
    {
        Assert.False(Factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }

    private static HttpClient Https(WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://users.example.com") });

    private static void AssertNoSniff(HttpResponseMessage response) =>
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
}

public sealed class ResponseHardeningSqliteTests(SqliteApiFixture fixture) : ResponseHardeningTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class ResponseHardeningPostgresTests(PostgresApiFixture fixture) : ResponseHardeningTests(fixture), IClassFixture<PostgresApiFixture>;
