using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Users.Domain.Users;

namespace Users.Infrastructure.Persistence.Configurations;

/// <summary>The <c>login_throttles</c> table; instants in Unix milliseconds (compared in SQL on both providers).</summary>
public sealed class LoginThrottleRecordConfiguration : IEntityTypeConfiguration<LoginThrottleRecord>
{
    public const string TableName = "login_throttles";

    public void Configure(EntityTypeBuilder<LoginThrottleRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(t => t.NormalizedEmail).HasName("pk_login_throttles");
        builder.Property(t => t.NormalizedEmail).HasColumnName("normalized_email").HasMaxLength(Email.StorageLength).ValueGeneratedNever();
        builder.Property(t => t.Failures).HasColumnName("failures");
        builder.Property(t => t.LockedUntil).HasColumnName("locked_until").HasConversion(UnixMilliseconds.Converter);
        builder.Property(t => t.LastAttemptAt).HasColumnName("last_attempt_at").HasConversion(UnixMilliseconds.Converter);
        builder.HasIndex(t => t.LastAttemptAt).HasDatabaseName("ix_login_throttles_last_attempt_at");
    }
}
