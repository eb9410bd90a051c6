using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Application.Abstractions.Security;
using Users.Domain.Sessions;
using Users.Domain.Users;

namespace Users.Api.IntegrationTests.Platform;

/// <summary>
/// A database that cannot be reached: requests answer 503 with the contract's error shape (never a 500 or a
/// stack trace), readiness says unhealthy, liveness stays up.
/// </summary>
public sealed class DatabaseDownTests
{
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Login_WhenDatabaseIsDown_Returns503(DatabaseProvider provider)
    {
        await using var factory = DownFactory(provider);

        var response = await factory.CreateClient().PostAsync("/auth/jwt/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "someone@example.com",
            ["password"] = ApiTestBase.GoodPassword,
        }));

        var body = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "Service Unavailable");
        Assert.DoesNotContain("Exception", body.ToString(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("Retry-After"));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task AuthenticatedRead_WhenDatabaseIsDown_Returns503(DatabaseProvider provider)
    {
        await using var factory = DownFactory(provider);
        var user = User.Register(new UserChanges { Email = Email.Create("someone@example.com").Value, PasswordHash = "$unused$" }, DateTimeOffset.UtcNow);
        var session = Session.Start(user, "jwt", SessionClient.Unknown, DateTimeOffset.UtcNow);
        var token = (await factory.Services.GetServices<IAccessTokenStrategy>().Named("jwt").IssueAsync(user, session, CancellationToken.None)).Value;
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var response = await client.GetAsync("/users/me");

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "Service Unavailable");
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Health_WhenDatabaseIsDown_ReadyFailsAndLiveStaysUp(DatabaseProvider provider)
    {
        await using var factory = DownFactory(provider);
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    private static UsersApiFactory DownFactory(DatabaseProvider provider)
    {
        var connectionString = provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "users.db")}"
            : $"Host=127.0.0.1;Port={UnusedPort()};Database=users;Username=users;Timeout=3";
        return new UsersApiFactory(provider, connectionString, new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: nothing listens there
    }
}
