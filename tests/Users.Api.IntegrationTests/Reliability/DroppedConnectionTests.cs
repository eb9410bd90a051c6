using System.Net;
using Npgsql;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Reliability;

/// <summary>
/// The service as a real process over a PostgreSQL cluster of its own whose server drops every connection of the
/// service (as a failover or a restart does): a read meets the dropped connection, is run again on a fresh one and
/// answers 200; a write is never run again by the service, so it answers 503 and is not applied, and the client's own
/// retry applies it exactly once.
/// </summary>
public sealed class DroppedConnectionTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    [SkippableFact]
    public async Task AReadIsRetriedOnAFreshConnection_AWriteIsNeverAppliedTwice()
    {
        cluster.RequireAvailable();
        var database = await cluster.CreateDatabaseAsync();
        // The outbox worker polls rarely here, so that the requests below are the first to meet the dropped connections.
        await using var service = await ServiceProcess.StartAsync(DatabaseProvider.Postgres, database, new Dictionary<string, string> { ["Email:PollSeconds"] = "300" });
        var client = service.Client;
        var email = $"dropped-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(email)).StatusCode);
        var token = await client.TokenAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithTokenAsync(HttpMethod.Get, "/users/me", token)).StatusCode);

        // A read: the current-user lookup draws a pooled connection the server has dropped, and is run again.
        Assert.True(await DropServiceConnectionsAsync(database) > 0, "the service held no connection to drop");
        var retriesBefore = service.CountInOutput("reading again");
        using (var me = await client.SendWithTokenAsync(HttpMethod.Get, "/users/me", token))
        {
            Assert.True(me.StatusCode == HttpStatusCode.OK, $"{(int)me.StatusCode} {await me.Content.ReadAsStringAsync()}");
        }

        Assert.True(service.CountInOutput("reading again") > retriesBefore, "the read was not run again:\n" + service.Output);
        var sessionsBefore = await SessionCountAsync(client, token);

        // A write: a login's first statement draws a dropped connection. It is not run again: 503, and no session.
        Assert.True(await DropServiceConnectionsAsync(database) > 0, "the service held no connection to drop");
        using (var refused = await client.LoginAsync(email))
        {
            Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync()}");
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        Assert.Equal(sessionsBefore, await SessionCountAsync(client, token));

        // The client's retry is the one that applies it: one more session, not two.
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(email)).StatusCode);
        Assert.Equal(sessionsBefore + 1, await SessionCountAsync(client, token));
    }

    // Ends every server process of the service's database, from a connection outside its pool.
    private async Task<long> DropServiceConnectionsAsync(string database)
    {
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        await using var admin = new NpgsqlConnection(cluster.ConnectionString("postgres") + ";Pooling=false");
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", admin);
        command.Parameters.AddWithValue("name", name!);
        var dropped = (long)(await command.ExecuteScalarAsync())!;

        // pg_terminate_backend only signals; wait until the processes are gone so the next request meets the drop.
        await using var gone = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @name", admin);
        gone.Parameters.AddWithValue("name", name!);
        for (var wait = 0; wait < 50 && (long)(await gone.ExecuteScalarAsync())! > 0; wait++)
        {
            await Task.Delay(20);
        }

        return dropped;
    }

    private static async Task<int> SessionCountAsync(HttpClient client, string token)
    {
        using var sessions = await client.SendWithTokenAsync(HttpMethod.Get, "/users/me/sessions", token);
        Assert.Equal(HttpStatusCode.OK, sessions.StatusCode);
        return (await sessions.JsonAsync()).GetArrayLength();
    }
}
