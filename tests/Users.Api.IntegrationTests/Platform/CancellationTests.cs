using System.Net;
using System.Net.Http.Json;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Platform;

/// <summary>
/// Clients that give up half way: whatever moment the cancellation lands, a registration is either whole
/// (the user can log in) or absent (the address can be registered again), and the service keeps serving.
/// </summary>
public abstract class CancellationTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task Register_CancelledAtAnyMoment_LeavesEitherAWholeUserOrNone()
    {
        var emails = Enumerable.Range(0, 12).Select(_ => NewEmail("cancel")).ToArray();
        var client = Anonymous();

        await Task.WhenAll(emails.Select(async (email, i) =>
        {
            using var cancellation = new CancellationTokenSource();
            cancellation.CancelAfter(TimeSpan.FromMilliseconds(i * 3));
            try
            {
                await client.PostAsJsonAsync("/auth/register", new { email, password = GoodPassword }, cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                // the client gave up; what the server did is checked below
            }
        }));

        foreach (var email in emails)
        {
            var login = await LoginAsync(email);
            if (login.StatusCode != HttpStatusCode.OK)
            {
                await login.AssertProblemAsync(HttpStatusCode.BadRequest, "LOGIN_BAD_CREDENTIALS");
                Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(email)).StatusCode);
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await Anonymous().GetAsync("/health/ready")).StatusCode);
    }
}

public sealed class CancellationSqliteTests(SqliteApiFixture fixture) : CancellationTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class CancellationPostgresTests(PostgresApiFixture fixture) : CancellationTests(fixture), IClassFixture<PostgresApiFixture>;
