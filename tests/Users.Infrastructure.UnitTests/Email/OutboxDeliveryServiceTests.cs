using Microsoft.Extensions.Logging;
using Users.Application.Abstractions.Mail;
using Users.Infrastructure.Mail;
using Users.Infrastructure.Persistence;

namespace Users.Infrastructure.UnitTests.Mail;

/// <summary>Delivery from the outbox table (real SQLite): outcomes, retries, permanent refusals, claims between instances.</summary>
public sealed class OutboxDeliveryServiceTests
{
    private const string Address = "jane.doe@example.org";
    private const string SecretToken = "eyJhbGciOiJIUzI1NiJ9.secret-token-value.sig";

    private static readonly EmailMessage Message =
        new(Address, "Reset your password", $"Open https://users.example.com/reset-password?token={SecretToken}");

    [Fact]
    public async Task Delivered_IsRecordedAsSent_WithItsBodyErased()
    {
        await using var harness = await OutboxHarness.CreateAsync();
        var transport = new FakeEmailTransport();
        await harness.CommitAsync(Message);

        Assert.Equal(1, await harness.CreateService(transport).DeliverDueAsync(CancellationToken.None));

        Assert.Equal([Message], transport.Delivered);
        var row = Assert.Single(await harness.RowsAsync());
        Assert.Equal(OutboxEmailState.Sent, row.State);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.ProtectedBody);
        Assert.Null(row.ClaimedBy);
        Assert.Equal(harness.Time.GetUtcNow(), row.CompletedAt);
        Assert.Equal(0, await harness.CreateService(transport).DeliverDueAsync(CancellationToken.None)); // never again
    }

    [Fact]
    public async Task TransientFailure_IsRetriedAfterADoublingDelay_ThenDelivered()
    {
        await using var harness = await OutboxHarness.CreateAsync(maxAttempts: 5, retryDelaySeconds: 3);
        var transport = FakeEmailTransport.FailingFirst(2);
        var service = harness.CreateService(transport);
        await harness.CommitAsync(Message);

        await service.DeliverDueAsync(CancellationToken.None);
        var afterFirst = Assert.Single(await harness.RowsAsync());
        Assert.Equal((OutboxEmailState.Pending, 1), (afterFirst.State, afterFirst.Attempts));
        Assert.Equal(harness.Time.GetUtcNow().AddSeconds(3), afterFirst.NextAttemptAt);
        Assert.Contains("451", afterFirst.LastError, StringComparison.Ordinal);
        Assert.NotNull(afterFirst.ProtectedBody);

        harness.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, await service.DeliverDueAsync(CancellationToken.None)); // not due yet
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await service.DeliverDueAsync(CancellationToken.None));
        Assert.Equal(harness.Time.GetUtcNow().AddSeconds(6), Assert.Single(await harness.RowsAsync()).NextAttemptAt);
        harness.Time.Advance(TimeSpan.FromSeconds(6));
        await service.DeliverDueAsync(CancellationToken.None);

        var row = Assert.Single(await harness.RowsAsync());
        Assert.Equal((OutboxEmailState.Sent, 3), (row.State, row.Attempts));
        Assert.Equal(3, transport.AttemptCount);
        Assert.Equal(2, harness.Log.Entries.Count(e => e.Level == LogLevel.Warning));
        Assert.DoesNotContain(harness.Log.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task TransientFailures_UpToMaxAttempts_AreRecordedAsFailed_WithoutBodyOrAddressInTheLogOrRow()
    {
        // Servers quote the recipient in their answers; that must not reach the log or the row either.
        await using var harness = await OutboxHarness.CreateAsync(maxAttempts: 2, retryDelaySeconds: 1);
        var transport = FakeEmailTransport.AlwaysFailing($"451 4.3.0 <{Address}>: try later; also cc <other@example.net>");
        var service = harness.CreateService(transport);
        await harness.CommitAsync(Message);

        await service.DeliverDueAsync(CancellationToken.None);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await service.DeliverDueAsync(CancellationToken.None);
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await service.DeliverDueAsync(CancellationToken.None));

        var row = Assert.Single(await harness.RowsAsync());
        Assert.Equal((OutboxEmailState.Failed, 2), (row.State, row.Attempts));
        Assert.Null(row.ProtectedBody);
        Assert.DoesNotContain("@", row.LastError, StringComparison.Ordinal);
        var error = Assert.Single(harness.Log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("2 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.All(harness.Log.Entries, e =>
        {
            Assert.DoesNotContain(Address, e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("other@example.net", e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(SecretToken, e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task PermanentRefusal_IsRecordedAsFailedAtOnce_WithoutRetry()
    {
        await using var harness = await OutboxHarness.CreateAsync(maxAttempts: 5);
        var transport = new FakeEmailTransport((_, _, _) =>
            Task.FromException(new PermanentEmailFailureException("550 5.1.1 mailbox unavailable")));
        await harness.CommitAsync(Message);

        await harness.CreateService(transport).DeliverDueAsync(CancellationToken.None);
        harness.Time.Advance(TimeSpan.FromHours(1));
        await harness.CreateService(transport).DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, transport.AttemptCount);
        var row = Assert.Single(await harness.RowsAsync());
        Assert.Equal((OutboxEmailState.Failed, 1), (row.State, row.Attempts));
        Assert.Contains("550", row.LastError, StringComparison.Ordinal);
        Assert.Contains(harness.Log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("refused for good", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BodyThatCannotBeDecrypted_IsRecordedAsFailed_NotRetriedForever()
    {
        await using var harness = await OutboxHarness.CreateAsync();
        await harness.CommitAsync(Message);
        await using (var db = harness.Database.CreateContext())
        {
            var row = db.OutboxEmails.Single();
            row.ProtectedBody = "not-a-protected-payload";
            await db.SaveChangesAsync();
        }

        var transport = new FakeEmailTransport();
        await harness.CreateService(transport).DeliverDueAsync(CancellationToken.None);

        Assert.Equal(0, transport.AttemptCount);
        Assert.Equal(OutboxEmailState.Failed, Assert.Single(await harness.RowsAsync()).State);
    }

    [Fact]
    public async Task TwoInstancesClaimingAtOnce_DeliverEveryMailExactlyOnce()
    {
        await using var harness = await OutboxHarness.CreateAsync();
        var messages = Enumerable.Range(1, 40).Select(i => Message with { Subject = $"Mail {i}" }).ToArray();
        await harness.CommitAsync(messages);
        var transport = new FakeEmailTransport(async (_, _, _) => await Task.Yield());
        var first = harness.CreateService(transport);
        var second = harness.CreateService(transport);
        Assert.NotEqual(first.Instance, second.Instance);

        await Task.WhenAll(DrainAsync(first), DrainAsync(second));

        Assert.Equal(messages.Select(m => m.Subject).Order(), transport.Delivered.Select(m => m.Subject).Order());
        Assert.All(await harness.RowsAsync(), row => Assert.Equal((OutboxEmailState.Sent, 1), (row.State, row.Attempts)));

        static async Task DrainAsync(OutboxDeliveryService service)
        {
            while (await service.DeliverDueAsync(CancellationToken.None) > 0)
            {
            }
        }
    }

    [Fact]
    public async Task ClaimOfAnInstanceThatDied_IsTakenOverOnceItRunsOut()
    {
        await using var harness = await OutboxHarness.CreateAsync();
        await harness.CommitAsync(Message);
        var now = harness.Time.GetUtcNow();
        Assert.Single(await harness.Store.ClaimAsync("dead-instance", 4, now, now.AddSeconds(harness.Options.ClaimSeconds), CancellationToken.None));
        var transport = new FakeEmailTransport();
        var survivor = harness.CreateService(transport);

        Assert.Equal(0, await survivor.DeliverDueAsync(CancellationToken.None)); // still claimed
        harness.Time.Advance(TimeSpan.FromSeconds(harness.Options.ClaimSeconds));
        Assert.Equal(1, await survivor.DeliverDueAsync(CancellationToken.None));

        Assert.Equal([Message], transport.Delivered);
        Assert.False(await harness.Store.MarkSentAsync("dead-instance", Assert.Single(await harness.RowsAsync()).Id, 1, now, CancellationToken.None));
    }

    [Fact]
    public async Task RunningService_DeliversMailCommittedHere_WithoutWaitingForThePoll()
    {
        await using var harness = await OutboxHarness.CreateAsync();
        var transport = new FakeEmailTransport();
        await harness.StartAsync(harness.CreateService(transport));

        await harness.CommitAsync(Message); // the clock never moves: only the commit's signal can wake the loop

        Assert.Equal(Message, await transport.NextAttemptAsync());
    }

    [Fact]
    public async Task Shutdown_LetsADeliveryInProgressFinish_AndHandsBackClaimsItCouldNotFinish()
    {
        await using var harness = await OutboxHarness.CreateAsync();
        var release = new TaskCompletionSource();
        var transport = new FakeEmailTransport(async (message, _, token) =>
        {
            if (message.Subject == "slow")
            {
                await release.Task.WaitAsync(token);
            }
        });
        var service = harness.CreateService(transport);
        await harness.StartAsync(service);
        await harness.CommitAsync(Message with { Subject = "slow" });
        await transport.NextAttemptAsync();

        // The host stops waiting at once: the delivery is abandoned and its claim handed back.
        await service.StopAsync(new CancellationToken(canceled: true)).WaitAsync(TimeSpan.FromSeconds(10));
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        var row = Assert.Single(await harness.RowsAsync());
        Assert.Equal((OutboxEmailState.Pending, 0), (row.State, row.Attempts));
        Assert.Null(row.ClaimedBy);
        Assert.Contains(harness.Log.Entries, e => e.Message.Contains("handed back", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shutdown_WithTimeLeft_WaitsForTheDeliveryInProgress()
    {
        await using var harness = await OutboxHarness.CreateAsync();
        var release = new TaskCompletionSource();
        var transport = new FakeEmailTransport(async (_, _, token) => await release.Task.WaitAsync(token));
        var service = harness.CreateService(transport);
        await harness.StartAsync(service);
        await harness.CommitAsync(Message);
        await transport.NextAttemptAsync();

        var stopping = service.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(OutboxEmailState.Sent, Assert.Single(await harness.RowsAsync()).State);
    }

    [Fact]
    public async Task Withheld_IsNeverSent_AndIsPurgedAfterTheRetention()
    {
        await using var harness = await OutboxHarness.CreateAsync();
        var transport = new FakeEmailTransport();
        await harness.CommitWithheldAsync();

        Assert.Equal(0, await harness.CreateService(transport).DeliverDueAsync(CancellationToken.None));
        Assert.Empty(transport.Delivered);
        Assert.Equal(OutboxEmailState.Withheld, Assert.Single(await harness.RowsAsync()).State);

        harness.Time.Advance(TimeSpan.FromDays(harness.Options.RetentionDays) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await harness.Store.PurgeAsync(harness.Time.GetUtcNow().AddDays(-harness.Options.RetentionDays), CancellationToken.None));
        Assert.Empty(await harness.RowsAsync());
    }

    [Fact]
    public async Task Purge_DeletesOnlyRecordsCompletedBeforeTheRetention()
    {
        await using var harness = await OutboxHarness.CreateAsync();
        var transport = new FakeEmailTransport();
        await harness.CommitAsync(Message with { Subject = "old" });
        await harness.CreateService(transport).DeliverDueAsync(CancellationToken.None);
        harness.Time.Advance(TimeSpan.FromDays(harness.Options.RetentionDays) + TimeSpan.FromMinutes(1));
        await harness.CommitAsync(Message with { Subject = "new" });
        await harness.CreateService(transport).DeliverDueAsync(CancellationToken.None);
        await harness.CommitAsync(Message with { Subject = "pending" });

        var purged = await harness.Store.PurgeAsync(harness.Time.GetUtcNow().AddDays(-harness.Options.RetentionDays), CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.Equal(["new", "pending"], (await harness.RowsAsync()).Select(r => r.Subject).Order(StringComparer.Ordinal)); // both added at one instant
    }
}
