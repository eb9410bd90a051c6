using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.UnitTests.Mail;

namespace Users.Api.IntegrationTests.Platform;

/// <summary>
/// The mail outbox end to end, on both databases, against a real SMTP server (aiosmtpd) that the tests stop, start and
/// make refuse: an outage delays mail and loses none, a permanent refusal is recorded at once, a temporary one is
/// retried, and two instances over one database send each mail once.
/// </summary>
public sealed class OutboxDeliveryTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task MailServerDown_TheAnswerIsUnchanged_AndTheMailIsDeliveredOnceItIsBack(DatabaseProvider provider)
    {
        smtp.RequireAvailable();
        await using var factory = Factory(provider, await TestDatabases.CreateAsync(provider));
        var client = factory.CreateClient();
        var email = await RegisterAsync(client, "outage");

        await smtp.StopAsync();
        try
        {
            var response = await ForgotPasswordAsync(client, email);

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal("null", await response.Content.ReadAsStringAsync());
            var waiting = await WaitForRowAsync(factory, email, r => r.Attempts >= 2);
            Assert.Equal(OutboxEmailState.Pending, waiting.State);
            Assert.NotNull(waiting.ProtectedBody);
        }
        finally
        {
            await smtp.StartAsync();
        }

        Assert.Contains("reset-password?token=", MailMessageText.Parse(await smtp.WaitForMessageToAsync(email, WaitLimit)).Body, StringComparison.Ordinal);
        var sent = await WaitForRowAsync(factory, email, r => r.State == OutboxEmailState.Sent);
        Assert.Null(sent.ProtectedBody);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task UnknownAddress_AnswersTheSame_AndStoresOnlyAWithheldRecordThatNamesNobody(DatabaseProvider provider)
    {
        // The request commits one outbox row, as for a registered address (so it takes as long), but nothing to send.
        smtp.RequireAvailable();
        await using var factory = Factory(provider, await TestDatabases.CreateAsync(provider));
        var client = factory.CreateClient();
        var unknown = $"ghost-{Guid.NewGuid():N}@example.com";

        var response = await ForgotPasswordAsync(client, unknown);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("null", await response.Content.ReadAsStringAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var row = Assert.Single(await scope.ServiceProvider.GetRequiredService<UsersDbContext>().OutboxEmails.AsNoTracking().ToListAsync());
        Assert.Equal(OutboxEmailState.Withheld, row.State);
        Assert.Equal((string.Empty, string.Empty, null, 0), (row.Recipient, row.Subject, row.ProtectedBody, row.Attempts));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task PermanentRefusal_IsRecordedAsFailedAfterOneAttempt(DatabaseProvider provider)
    {
        smtp.RequireAvailable();
        await using var factory = Factory(provider, await TestDatabases.CreateAsync(provider));
        var client = factory.CreateClient();
        var email = await RegisterAsync(client, SmtpTestServer.RefuseForGood);

        Assert.Equal(HttpStatusCode.Accepted, (await ForgotPasswordAsync(client, email)).StatusCode);

        var failed = await WaitForRowAsync(factory, email, r => r.State == OutboxEmailState.Failed);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("550", failed.LastError, StringComparison.Ordinal);
        Assert.Null(failed.ProtectedBody);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TemporaryRefusal_IsRetried(DatabaseProvider provider)
    {
        smtp.RequireAvailable();
        await using var factory = Factory(provider, await TestDatabases.CreateAsync(provider));
        var client = factory.CreateClient();
        var email = await RegisterAsync(client, SmtpTestServer.RefuseForNow);

        Assert.Equal(HttpStatusCode.Accepted, (await ForgotPasswordAsync(client, email)).StatusCode);

        var retried = await WaitForRowAsync(factory, email, r => r.Attempts >= 2);
        Assert.Equal(OutboxEmailState.Pending, retried.State);
        Assert.Contains("451", retried.LastError, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TwoInstancesOverOneDatabase_SendEachMailExactlyOnce(DatabaseProvider provider)
    {
        smtp.RequireAvailable();
        var database = await TestDatabases.CreateAsync(provider);
        await using var first = Factory(provider, database);
        await using var second = Factory(provider, database);
        var clients = new[] { first.CreateClient(), second.CreateClient() };
        var emails = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            emails.Add(await RegisterAsync(clients[0], $"pair{i}"));
        }

        // Each request goes to the instance the test picks; both instances poll the same outbox.
        await Task.WhenAll(emails.Select((email, i) => ForgotPasswordAsync(clients[i % 2], email)));
        foreach (var email in emails)
        {
            await smtp.WaitForMessageToAsync(email, WaitLimit);
        }

        await WaitForRowsAsync(first, emails, r => r.State == OutboxEmailState.Sent);
        await Task.Delay(TimeSpan.FromSeconds(2)); // two more polls of each instance: nothing is sent again
        foreach (var email in emails)
        {
            Assert.Single(smtp.ReceivedMessages(), m => Encoding.UTF8.GetString(m).Contains(email, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static async Task<string> RegisterAsync(HttpClient client, string prefix)
    {
        var email = $"{prefix}-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(email)).StatusCode);
        return email;
    }

    private static Task<HttpResponseMessage> ForgotPasswordAsync(HttpClient client, string email) =>
        client.PostAsync("/auth/forgot-password", new StringContent($$"""{"email": "{{email}}"}""", Encoding.UTF8, "application/json"));

    private static async Task<OutboxEmailRecord> WaitForRowAsync(UsersApiFactory factory, string email, Func<OutboxEmailRecord, bool> condition) =>
        (await WaitForRowsAsync(factory, [email], condition)).Single();

    private static Task<List<OutboxEmailRecord>> WaitForRowsAsync(
        UsersApiFactory factory, List<string> emails, Func<OutboxEmailRecord, bool> condition) =>
        factory.WaitForOutboxRowsAsync(emails, rows => rows.Count == emails.Count && rows.All(condition), WaitLimit);

    private UsersApiFactory Factory(DatabaseProvider provider, string connectionString) =>
        new(provider, connectionString, new Dictionary<string, string?>
        {
            ["Email:PickupDirectory"] = string.Empty, // SMTP instead of the test factory's pickup directory
            ["Email:Smtp:Host"] = smtp.Host,
            ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:From"] = "users@example.com",
            ["Email:RetryDelaySeconds"] = "0",
            ["Email:MaxAttempts"] = "1000",
            ["Email:PollSeconds"] = "1",
        });
}
