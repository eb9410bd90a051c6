using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Users.Domain.Users;

namespace Users.Infrastructure.Persistence.Configurations;

/// <summary>The <c>outbox_emails</c> table; instants in Unix milliseconds (claims and due times are compared in SQL).</summary>
public sealed class OutboxEmailRecordConfiguration : IEntityTypeConfiguration<OutboxEmailRecord>
{
    public const string TableName = "outbox_emails";

    public const int SubjectLength = 512;

    public const int InstanceLength = 128;

    public const int ErrorLength = 2000;

    public void Configure(EntityTypeBuilder<OutboxEmailRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(m => m.Id).HasName("pk_outbox_emails");
        builder.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(m => m.Recipient).HasColumnName("recipient").HasMaxLength(Email.StorageLength);
        builder.Property(m => m.Subject).HasColumnName("subject").HasMaxLength(SubjectLength);
        builder.Property(m => m.ProtectedBody).HasColumnName("protected_body");
        builder.Property(m => m.CreatedAt).HasColumnName("created_at").HasConversion(UnixMilliseconds.Converter);
        builder.Property(m => m.State).HasColumnName("state");
        builder.Property(m => m.Attempts).HasColumnName("attempts");
        builder.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at").HasConversion(UnixMilliseconds.Converter);
        builder.Property(m => m.ClaimedBy).HasColumnName("claimed_by").HasMaxLength(InstanceLength);
        builder.Property(m => m.ClaimedUntil).HasColumnName("claimed_until").HasConversion(UnixMilliseconds.Converter);
        builder.Property(m => m.CompletedAt).HasColumnName("completed_at").HasConversion(UnixMilliseconds.Converter);
        builder.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(ErrorLength);

        // The claim query's path: pending mail by due time. Completed mail by completion time for the purge.
        builder.HasIndex(m => new { m.State, m.NextAttemptAt }).HasDatabaseName("ix_outbox_emails_state_next_attempt_at");
        builder.HasIndex(m => m.CompletedAt).HasDatabaseName("ix_outbox_emails_completed_at");
    }
}
