using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Persistence.Configurations;

namespace Users.Infrastructure.Mail;

/// <summary>
/// The delivery side of <c>outbox_emails</c>: claims due mail for one instance, records each outcome, gives claims back,
/// and deletes old records. Every call runs on a context of its own scope (deliveries record outcomes concurrently).
/// Claiming is one atomic statement: on PostgreSQL the candidate rows are locked with <c>FOR UPDATE SKIP LOCKED</c>, so
/// instances claiming at once each get different mail without waiting on each other; SQLite runs one writer at a time.
/// </summary>
public sealed class OutboxStore(IServiceScopeFactory scopes)
{
    // One statement for both providers; PostgreSQL also skips the rows another instance is claiming at this moment.
    private const string ClaimHead = """
        UPDATE outbox_emails SET claimed_by = {0}, claimed_until = {1}
        WHERE id IN (
            SELECT id FROM outbox_emails
            WHERE state = {2} AND next_attempt_at <= {3} AND (claimed_until IS NULL OR claimed_until <= {3})
            ORDER BY next_attempt_at LIMIT {4}
        """;

    private const string ClaimTail = """
        )
        RETURNING id AS "Id", recipient AS "Recipient", subject AS "Subject", protected_body AS "ProtectedBody", attempts AS "Attempts"
        """;

    private const string ClaimOnSqlite = ClaimHead + ClaimTail;

    private const string ClaimOnPostgres = ClaimHead + " FOR UPDATE SKIP LOCKED" + ClaimTail;

    /// <summary>Claims up to <paramref name="limit"/> pending mails that are due and unclaimed (or whose claim ran out).</summary>
    public Task<List<ClaimedEmail>> ClaimAsync(string instance, int limit, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken) =>
        RunAsync(db => db.Database
            .SqlQueryRaw<ClaimedEmail>(
                db.Database.IsNpgsql() ? ClaimOnPostgres : ClaimOnSqlite,
                instance, UnixMilliseconds.Of(claimUntil), (int)OutboxEmailState.Pending, UnixMilliseconds.Of(now), limit)
            .ToListAsync(cancellationToken));

    /// <summary>Delivered: the body is erased; only the claim's holder can record it (a claim that ran out was taken over).</summary>
    public Task<bool> MarkSentAsync(string instance, Guid id, int attempts, DateTimeOffset now, CancellationToken cancellationToken) =>
        CompleteAsync(instance, id, OutboxEmailState.Sent, attempts, now, error: null, cancellationToken);

    /// <summary>Given up (a permanent refusal, or the last attempt failed): the body is erased, the error kept.</summary>
    public Task<bool> MarkFailedAsync(string instance, Guid id, int attempts, DateTimeOffset now, string error, CancellationToken cancellationToken) =>
        CompleteAsync(instance, id, OutboxEmailState.Failed, attempts, now, error, cancellationToken);

    /// <summary>A transient failure: the claim is given back and the mail is due again at <paramref name="nextAttemptAt"/>.</summary>
    public Task<bool> ScheduleRetryAsync(
        string instance, Guid id, int attempts, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken)
    {
        var lastError = Truncate(error);
        return RunAsync(async db => await db.OutboxEmails
            .Where(m => m.Id == id && m.ClaimedBy == instance && m.State == OutboxEmailState.Pending)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.NextAttemptAt, nextAttemptAt)
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LastError, lastError),
                cancellationToken) == 1);
    }

    /// <summary>Gives back every claim of <paramref name="instance"/> on mail still pending (at shutdown): other instances may take them at once.</summary>
    public Task<int> ReleaseAsync(string instance, CancellationToken cancellationToken) =>
        RunAsync(db => db.OutboxEmails
            .Where(m => m.ClaimedBy == instance && m.State == OutboxEmailState.Pending)
            .ExecuteUpdateAsync(
                set => set.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
                cancellationToken));

    /// <summary>Deletes the records of mail delivered or given up before <paramref name="completedBefore"/>.</summary>
    public Task<int> PurgeAsync(DateTimeOffset completedBefore, CancellationToken cancellationToken) =>
        RunAsync(db => db.OutboxEmails
            .Where(m => m.State != OutboxEmailState.Pending && m.CompletedAt < completedBefore)
            .ExecuteDeleteAsync(cancellationToken));

    private static string Truncate(string error) =>
        error.Length <= OutboxEmailRecordConfiguration.ErrorLength ? error : error[..OutboxEmailRecordConfiguration.ErrorLength];

    private Task<bool> CompleteAsync(
        string instance, Guid id, OutboxEmailState state, int attempts, DateTimeOffset now, string? error, CancellationToken cancellationToken)
    {
        var lastError = error is null ? null : Truncate(error);
        return RunAsync(async db => await db.OutboxEmails
            .Where(m => m.Id == id && m.ClaimedBy == instance && m.State == OutboxEmailState.Pending)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(m => m.State, state)
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.ProtectedBody, (string?)null)
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.CompletedAt, now)
                    .SetProperty(m => m.LastError, lastError),
                cancellationToken) == 1);
    }

    private async Task<T> RunAsync<T>(Func<UsersDbContext, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UsersDbContext>());
    }
}

/// <summary>A mail as claimed for delivery.</summary>
public sealed class ClaimedEmail
{
    public Guid Id { get; set; }

    public string Recipient { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string? ProtectedBody { get; set; }

    /// <summary>Attempts made before this one.</summary>
    public int Attempts { get; set; }
}
