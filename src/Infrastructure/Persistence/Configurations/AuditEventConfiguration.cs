using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Users.Domain.Audit;
using Users.Domain.Sessions;

namespace Users.Infrastructure.Persistence.Configurations;

/// <summary>
/// The <c>audit_events</c> table. No foreign key to <c>users</c>: the trail of a deleted user (its deletion included)
/// outlives the user until the retention purge. The type is stored by its contract name, the time as UTC Unix
/// milliseconds; one index serves the per-user pages, newest first.
/// </summary>
public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public const string TableName = "audit_events";

    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(e => e.Id).HasName("pk_audit_events");

        builder.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(e => e.At).HasColumnName("at").HasConversion(UnixMilliseconds.Converter);
        builder.Property(e => e.Type).HasColumnName("type").HasMaxLength(AuditEventTypes.NameLength)
            .HasConversion(type => AuditEventTypes.Name(type), name => AuditEventTypes.Parse(name));
        builder.Property(e => e.UserId).HasColumnName("user_id");
        builder.Property(e => e.ActorId).HasColumnName("actor_id");
        builder.Property(e => e.Ip).HasColumnName("ip").HasMaxLength(SessionClient.IpLength);
        builder.Property(e => e.UserAgent).HasColumnName("user_agent").HasMaxLength(SessionClient.UserAgentLength);
        builder.Property(e => e.SessionId).HasColumnName("session_id");

        builder.HasIndex(e => new { e.UserId, e.Id }).HasDatabaseName("ix_audit_events_user_id_id");
        builder.HasIndex(e => e.At).HasDatabaseName("ix_audit_events_at");
    }
}
