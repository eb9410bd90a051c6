using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Infrastructure.UnitTests.Mail;

namespace Users.Api.IntegrationTests.Reliability;

/// <summary>
/// The service as a real process over a real database, killed with <c>kill -9</c> or stopped with SIGTERM: what was
/// answered 2xx is there afterwards (users, password changes, logouts, mail still to send), what was still in flight is
/// wholly there or not at all, and SIGTERM ends the process cleanly.
/// </summary>
public sealed class CrashAndShutdownTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>
{
    private const int ClaimSeconds = 40; // the shortest allowed
    private const string NewPassword = "Another-Good-Passw0rd";

    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task WhatWasAnswered2xx_SurvivesKill9RightAfter(DatabaseProvider provider)
    {
        smtp.RequireAvailable();
        var database = await TestDatabases.CreateAsync(provider);
        var registered = Address("registered");
        var loggedOut = Address("logged-out");
        var changed = Address("changed");
        string revokedToken;

        await smtp.StopAsync(); // the mail cannot leave before the crash
        try
        {
            await using var doomed = await ServiceProcess.StartAsync(provider, database, MailSettings());
            Assert.Equal(HttpStatusCode.Created, (await doomed.Client.RegisterAsync(loggedOut)).StatusCode);
            revokedToken = await doomed.Client.TokenAsync(loggedOut);
            Assert.Equal(HttpStatusCode.NoContent, (await doomed.Client.SendWithTokenAsync(HttpMethod.Post, "/auth/jwt/logout", revokedToken)).StatusCode);

            Assert.Equal(HttpStatusCode.Created, (await doomed.Client.RegisterAsync(changed)).StatusCode);
            var changedToken = await doomed.Client.TokenAsync(changed);
            Assert.Equal(HttpStatusCode.OK, (await doomed.Client.SendWithTokenAsync(HttpMethod.Patch, "/users/me", changedToken, new { password = NewPassword })).StatusCode);

            Assert.Equal(HttpStatusCode.Created, (await doomed.Client.RegisterAsync(registered)).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await doomed.Client.PostAsJsonAsync("/auth/forgot-password", new { email = registered })).StatusCode);

            await doomed.KillAsync();
        }
        finally
        {
            await smtp.StartAsync();
        }

        // The dead process may have claimed the mail: it is taken over once the claim runs out (Email:ClaimSeconds).
        await using var restarted = await ServiceProcess.StartAsync(provider, database, MailSettings());
        Assert.False(string.IsNullOrEmpty(await restarted.Client.TokenAsync(registered)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await restarted.Client.SendWithTokenAsync(HttpMethod.Get, "/users/me", revokedToken)).StatusCode);
        Assert.False(string.IsNullOrEmpty(await restarted.Client.TokenAsync(changed, NewPassword)));
        Assert.Equal(HttpStatusCode.BadRequest, (await restarted.Client.LoginAsync(changed)).StatusCode); // the old password

        await smtp.WaitForMessageToAsync(registered, WaitLimit + TimeSpan.FromSeconds(ClaimSeconds));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task RegistrationsInFlightAtKill9_AreWhollyThereOrNotAtAll(DatabaseProvider provider)
    {
        // A registration stores the user and its audit event in one transaction: after the crash, each address has both
        // or neither, and every one answered 201 has both.
        var database = await TestDatabases.CreateAsync(provider);
        var addresses = Enumerable.Range(0, 60).Select(i => Address($"in-flight-{i}")).ToArray();
        var answered = new System.Collections.Concurrent.ConcurrentBag<string>();
        await using (var doomed = await ServiceProcess.StartAsync(provider, database))
        {
            var firstAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var requests = addresses.Select(async address =>
            {
                try
                {
                    using var response = await doomed.Client.RegisterAsync(address);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        answered.Add(address);
                        firstAnswer.TrySetResult();
                    }
                }
                catch (HttpRequestException)
                {
                    // cut off by the kill: no answer
                }
            }).ToArray();
            await firstAnswer.Task.WaitAsync(WaitLimit);
            await doomed.KillAsync();
            await Task.WhenAll(requests);
        }

        var (stored, orphanEvents) = await RegistrationsAsync(provider, database);
        foreach (var address in addresses)
        {
            var hasUser = stored.TryGetValue(address, out var events);
            Assert.True(!hasUser || events == 1, $"{address}: a user with {events} registration events");
            Assert.True(hasUser || !answered.Contains(address), $"{address} was answered 201 and is not stored");
        }

        Assert.Equal(0, orphanEvents);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Sigterm_ExitsZero_LeavingNoMailClaimed_AndTheNextInstanceSendsIt(DatabaseProvider provider)
    {
        smtp.RequireAvailable();
        var database = await TestDatabases.CreateAsync(provider);
        var email = Address("sigterm");

        await smtp.StopAsync();
        try
        {
            await using var service = await ServiceProcess.StartAsync(provider, database, MailSettings());
            Assert.Equal(HttpStatusCode.Created, (await service.Client.RegisterAsync(email)).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await service.Client.PostAsJsonAsync("/auth/forgot-password", new { email })).StatusCode);
            await WaitForAttemptsAsync(provider, database, email, atLeast: 1);

            var exitCode = await service.TerminateAsync(TimeSpan.FromSeconds(20));

            Assert.True(exitCode == 0, $"Exit code {exitCode}. Output:\n{service.Output}");
            Assert.Equal((0, null), await OutboxRowAsync(provider, database, email)); // pending, unclaimed
        }
        finally
        {
            await smtp.StartAsync();
        }

        await using var next = await ServiceProcess.StartAsync(provider, database, MailSettings());
        await smtp.WaitForMessageToAsync(email, WaitLimit);
    }

    [Fact]
    public async Task Sigterm_LetsALoginInProgressFinish_ThenExitsZero()
    {
        var database = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);
        await using var service = await ServiceProcess.StartAsync(DatabaseProvider.Sqlite, database, new Dictionary<string, string>
        {
            // A hash of about a second: the login is surely still running when SIGTERM arrives.
            ["Auth:PasswordHashing:Argon2:MemoryKiB"] = "262144",
            ["Auth:PasswordHashing:Argon2:Iterations"] = "8",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            ["Shutdown:TimeoutSeconds"] = "20",
        });
        var email = Address("in-flight");
        Assert.Equal(HttpStatusCode.Created, (await service.Client.RegisterAsync(email)).StatusCode);
        const string RequestStarting = "Request starting HTTP/1.1 POST";
        var before = service.CountInOutput(RequestStarting);

        var login = service.Client.TokenAsync(email);
        await service.WaitForOutputAsync(RequestStarting, TimeSpan.FromSeconds(10), after: before);
        var exitCode = await service.TerminateAsync(TimeSpan.FromSeconds(20));

        Assert.False(string.IsNullOrEmpty(await login));
        Assert.True(exitCode == 0, $"Exit code {exitCode}. Output:\n{service.Output}");
    }

    private static string Address(string prefix) => $"{prefix}-{Guid.NewGuid():N}@example.com";

    /// <summary>
    /// Read with plain ADO.NET over one connection: each stored user's address with the number of its <c>registered</c>
    /// audit events, and the registration events whose user is not stored (a change's record without the change).
    /// </summary>
    private static async Task<(Dictionary<string, long> Users, long OrphanEvents)> RegistrationsAsync(DatabaseProvider provider, string database)
    {
        await using var connection = await TestDatabases.OpenAsync(provider, database);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT u.email, (SELECT COUNT(*) FROM audit_events a WHERE a.user_id = u.id AND a.type = 'registered') FROM users u";
        var users = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                users[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }

        command.CommandText =
            "SELECT COUNT(*) FROM audit_events a WHERE a.type = 'registered' AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = a.user_id)";
        return (users, Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
    }

    /// <summary>The mail's outbox row as (state, claimed_by), read with plain ADO.NET as an operator would.</summary>
    private static async Task<(int State, string? ClaimedBy)> OutboxRowAsync(DatabaseProvider provider, string database, string email)
    {
        await using var connection = await TestDatabases.OpenAsync(provider, database);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, claimed_by FROM outbox_emails WHERE recipient = @recipient";
        AddRecipient(command, email);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "The mail has no outbox row.");
        return (Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private static void AddRecipient(DbCommand command, string email)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "recipient";
        parameter.Value = email;
        command.Parameters.Add(parameter);
    }

    private static async Task WaitForAttemptsAsync(DatabaseProvider provider, string database, string email, int atLeast)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            await using var connection = await TestDatabases.OpenAsync(provider, database);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(MAX(attempts), 0) FROM outbox_emails WHERE recipient = @recipient";
            AddRecipient(command, email);
            if (Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) >= atLeast)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The mail to {email} was never tried.");
            await Task.Delay(100);
        }
    }

    private Dictionary<string, string> MailSettings() => new()
    {
        ["Email:Smtp:Host"] = smtp.Host,
        ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:From"] = "users@example.com",
        ["Email:RetryDelaySeconds"] = "0",
        ["Email:MaxAttempts"] = "1000",
        ["Email:PollSeconds"] = "1",
        ["Email:ClaimSeconds"] = ClaimSeconds.ToString(CultureInfo.InvariantCulture),
    };
}
