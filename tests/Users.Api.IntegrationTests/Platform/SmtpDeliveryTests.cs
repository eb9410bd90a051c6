using System.Net;
using System.Text;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Infrastructure.UnitTests.Mail;

namespace Users.Api.IntegrationTests.Platform;

/// <summary>
/// Mail through a real SMTP server on loopback (aiosmtpd), end to end from the HTTP request; and a mail server
/// that is down, which must not change the answer the client gets.
/// </summary>
public sealed class SmtpDeliveryTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>, IAsyncLifetime
{
    private readonly string _database = Path.Combine(Directory.CreateTempSubdirectory("users-smtp-api-").FullName, "users.db");

    [SkippableFact]
    public async Task ForgotPassword_DeliversTheResetLinkThroughTheSmtpServer()
    {
        smtp.RequireAvailable();
        await using var factory = Factory(smtp.Port);
        var client = factory.CreateClient();
        var email = $"smtp-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/auth/register", Json(email))).StatusCode);

        var response = await client.PostAsync("/auth/forgot-password", new StringContent($$"""{"email": "{{email}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var message = await smtp.WaitForMessageToAsync(email, TimeSpan.FromSeconds(15));
        Assert.Contains("From: users@example.com", message.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("reset-password?token=", MailMessageText.Parse(message).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgotPassword_WhenTheMailServerIsDown_StillAnswers202Null()
    {
        await using var factory = Factory(ClosedPort());
        var client = factory.CreateClient();
        var email = $"down-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/auth/register", Json(email))).StatusCode);

        var response = await client.PostAsync("/auth/forgot-password", new StringContent($$"""{"email": "{{email}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("null", await response.Content.ReadAsStringAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(Path.GetDirectoryName(_database)!, recursive: true);
        return Task.CompletedTask;
    }

    private UsersApiFactory Factory(int smtpPort) =>
        new(DatabaseProvider.Sqlite, $"Data Source={_database}", new Dictionary<string, string?>
        {
            ["Email:PickupDirectory"] = string.Empty, // SMTP instead of the test factory's pickup directory
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:From"] = "users@example.com",
            ["Email:RetryDelaySeconds"] = "0",
            ["Email:MaxAttempts"] = "2",
        });

    private static StringContent Json(string email) =>
        new($$"""{"email": "{{email}}", "password": "{{ApiTestBase.GoodPassword}}"}""", Encoding.UTF8, "application/json");

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
