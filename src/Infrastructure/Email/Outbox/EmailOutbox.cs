using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Users.Application.Abstractions.Mail;
using Users.Application.Common.Telemetry;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Persistence.Configurations;

namespace Users.Infrastructure.Mail;

/// <summary>
/// The <see cref="IEmailOutbox"/>: adds the message as an <c>outbox_emails</c> row to the request's database context,
/// so the unit of work's commit stores it with the change; its body (which holds a token) encrypted. After a commit
/// that stored mail, wakes this instance's delivery loop. Scoped, like the context.
/// </summary>
public sealed class EmailOutbox(
    UsersDbContext db,
    IDataProtectionProvider dataProtection,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<EmailOutbox> logger) : IEmailOutbox
{
    /// <summary>The Data Protection purpose of stored bodies.</summary>
    public const string BodyPurpose = "Users.Outbox.EmailBody";

    // About the length of an account mail's body, so that protecting it costs what protecting one does.
    private static readonly string WithheldPlaceholder = new('-', 600);

    private bool _signalsOnCommit;
    private int _uncommitted;

    public void Add(EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!MailFormat.IsValidRecipient(message.To))
        {
            // Undeliverable whatever happens; the change that asked for it still stands.
            EmailLog.InvalidRecipient(logger, message.Subject);
            return;
        }

        var now = time.GetUtcNow();
        db.OutboxEmails.Add(new OutboxEmailRecord
        {
            Id = Guid.CreateVersion7(now),
            Recipient = message.To.Trim(),
            Subject = Truncate(MailFormat.SingleLine(message.Subject), OutboxEmailRecordConfiguration.SubjectLength),
            ProtectedBody = dataProtection.CreateProtector(BodyPurpose).Protect(message.TextBody),
            CreatedAt = now,
            State = OutboxEmailState.Pending,
            NextAttemptAt = now,
        });

        _uncommitted++;
        if (!_signalsOnCommit)
        {
            _signalsOnCommit = true;
            db.SavedChanges += (_, _) => Committed();
            db.SaveChangesFailed += (_, _) => _uncommitted = 0; // the unit of work forgets the failed changes
        }
    }

    public void AddWithheld()
    {
        // The same work as Add (a Data Protection call, one row in the commit), minus the address and the body.
        var now = time.GetUtcNow();
        _ = dataProtection.CreateProtector(BodyPurpose).Protect(WithheldPlaceholder);
        db.OutboxEmails.Add(new OutboxEmailRecord
        {
            Id = Guid.CreateVersion7(now),
            Recipient = string.Empty,
            Subject = string.Empty,
            CreatedAt = now,
            State = OutboxEmailState.Withheld,
            NextAttemptAt = now,
            CompletedAt = now, // purged with the delivered and given-up mail, after Email:RetentionDays
        });
    }

    private void Committed()
    {
        if (_uncommitted > 0)
        {
            UsersMetrics.Mail("queued", _uncommitted);
            _uncommitted = 0;
            signal.Notify();
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
