namespace Users.Infrastructure.Persistence;

/// <summary>
/// One mail of the outbox (<c>outbox_emails</c>), written in the transaction of the change that caused it. The body
/// holds a token, so it is stored encrypted (Data Protection) and erased once the mail is delivered or given up; the
/// row stays as the record of the outcome until <c>Email:RetentionDays</c> have passed.
/// </summary>
public sealed class OutboxEmailRecord
{
    public required Guid Id { get; init; }

    public required string Recipient { get; init; }

    public required string Subject { get; init; }

    /// <summary>The text body, encrypted; <see langword="null"/> once delivered or given up.</summary>
    public string? ProtectedBody { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public OutboxEmailState State { get; set; }

    /// <summary>Delivery attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Not tried again before this instant (backoff after a transient failure).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The instance delivering it now, if any: only that instance records the outcome.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>The claim runs out here; another instance may then take the mail over.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The last failure, with every address blanked out (never the body).</summary>
    public string? LastError { get; set; }
}

/// <summary>Where a mail of the outbox stands (stored as its number).</summary>
public enum OutboxEmailState
{
    Pending = 0,
    Sent = 1,
    Failed = 2,

    /// <summary>
    /// Asked for and withheld (no account, or none that may be mailed): never sent, no address, no body. It is written
    /// so that answering costs what a real mail costs; see <c>IEmailOutbox.AddWithheld</c>.
    /// </summary>
    Withheld = 3,
}
