using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Users.Infrastructure.Persistence.Configurations;

/// <summary>The <c>rate_limit_counters</c> table; window ends in Unix milliseconds (compared in SQL on both providers).</summary>
public sealed class RateLimitCounterRecordConfiguration : IEntityTypeConfiguration<RateLimitCounterRecord>
{
    public const string TableName = "rate_limit_counters";

    /// <summary>Keys are a policy and a client address, or "mail:" and an address.</summary>
    public const int KeyLength = 400;

    public void Configure(EntityTypeBuilder<RateLimitCounterRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(c => c.Key).HasName("pk_rate_limit_counters");
        builder.Property(c => c.Key).HasColumnName("key").HasMaxLength(KeyLength).ValueGeneratedNever();
        builder.Property(c => c.Hits).HasColumnName("hits");
        builder.Property(c => c.WindowEndsAt).HasColumnName("window_ends_at").HasConversion(UnixMilliseconds.Converter);
        builder.HasIndex(c => c.WindowEndsAt).HasDatabaseName("ix_rate_limit_counters_window_ends_at");
    }
}
