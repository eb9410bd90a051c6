using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Reliability;

/// <summary>
/// Several instances as real processes over one database, each request's instance chosen by the test: they start
/// together (the schema is migrated once), and they act as one service (tokens, revocation, lockout and rate limits).
/// </summary>
public sealed class ScaleOutTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task InstancesStartingTogether_MigrateTheDatabaseOnce_AndAllServe(DatabaseProvider provider)
    {
        var database = await TestDatabases.CreateAsync(provider);

        var instances = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ServiceProcess.StartAsync(provider, database)));
        try
        {
            foreach (var instance in instances)
            {
                Assert.Equal(HttpStatusCode.OK, (await instance.Client.GetAsync("/health/ready")).StatusCode);
            }

            var migrations = typeof(global::Users.Infrastructure.Persistence.UsersDbContext).Assembly.GetTypes()
                .Count(t => t.Namespace?.EndsWith(provider == DatabaseProvider.Sqlite ? "Migrations.Sqlite" : "Migrations.Postgres", StringComparison.Ordinal) == true
                    && t.BaseType == typeof(Microsoft.EntityFrameworkCore.Migrations.Migration));
            Assert.Equal((migrations, migrations), await HistoryCountsAsync(provider, database));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    [SkippableFact]
    public async Task TwoInstances_ActAsOneService()
    {
        var database = await TestDatabases.CreateAsync(DatabaseProvider.Postgres);
        var admin = $"admin-{Guid.NewGuid():N}@example.com";
        var (created, _, error) = await CommandLineProcess.RunAsync(
            ["create-user", "--email", admin, "--password", ApiTestBase.GoodPassword, "--superuser", "--verified"],
            database, extra: new() { ["Database__Provider"] = "Postgres", ["Database__MigrateOnStartup"] = "true" });
        Assert.True(created == 0, error);
        var settings = new Dictionary<string, string>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:Login"] = "1000",
            ["RateLimiting:Accounts"] = "6",
            ["Auth:Lockout:MaxFailures"] = "4",
        };
        await using var a = await ServiceProcess.StartAsync(DatabaseProvider.Postgres, database, settings);
        await using var b = await ServiceProcess.StartAsync(DatabaseProvider.Postgres, database, settings);
        var email = $"pair-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await a.Client.RegisterAsync(email)).StatusCode);

        // A token issued by one instance works on the other; a logout on one is seen by the other at once.
        var fromB = await b.Client.TokenAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await a.Client.SendWithTokenAsync(HttpMethod.Get, "/users/me", fromB)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await a.Client.SendWithTokenAsync(HttpMethod.Post, "/auth/jwt/logout", fromB)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await b.Client.SendWithTokenAsync(HttpMethod.Get, "/users/me", fromB)).StatusCode);

        // A refresh token of one instance is exchanged on the other.
        var login = await a.Client.LoginBodyAsync(email);
        var refreshed = await b.Client.PostAsJsonAsync("/auth/jwt/refresh", new { refresh_token = login.GetProperty("refresh_token").GetString() });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);

        // A deactivation on one instance ends the user's tokens on the other.
        var userToken = await b.Client.TokenAsync(email);
        var id = (await (await b.Client.SendWithTokenAsync(HttpMethod.Get, "/users/me", userToken)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var adminToken = await a.Client.TokenAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await a.Client.SendWithTokenAsync(HttpMethod.Patch, $"/users/{id}", adminToken, new { is_active = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await b.Client.SendWithTokenAsync(HttpMethod.Get, "/users/me", userToken)).StatusCode);

        // Lockout counts failures on both instances together.
        var locked = $"locked-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await b.Client.RegisterAsync(locked)).StatusCode);
        foreach (var instance in new[] { a, b, a, b })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await instance.Client.LoginAsync(locked, "Wrong-Passw0rd-Here")).StatusCode);
        }

        var lockedOut = await a.Client.LoginAsync(locked, ApiTestBase.GoodPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedOut.StatusCode);
        Assert.Contains("LOGIN_LOCKED", await lockedOut.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // One client address's registrations are counted on both instances together (6 per window: 2 were made above).
        for (var i = 0; i < 4; i++)
        {
            var instance = i % 2 == 0 ? a : b;
            Assert.Equal(HttpStatusCode.Created, (await instance.Client.RegisterAsync($"n{i}-{Guid.NewGuid():N}@example.com")).StatusCode);
        }

        var limited = await b.Client.RegisterAsync($"over-{Guid.NewGuid():N}@example.com");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    private static async Task<(long Rows, long Distinct)> HistoryCountsAsync(DatabaseProvider provider, string database)
    {
        await using var connection = await TestDatabases.OpenAsync(provider, database);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT \"MigrationId\") FROM \"__EFMigrationsHistory\"";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
    }
}
