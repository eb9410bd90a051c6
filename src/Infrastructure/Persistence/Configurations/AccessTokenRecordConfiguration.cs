using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Users.Domain.Sessions;
using Users.Domain.Users;

namespace Users.Infrastructure.Persistence.Configurations;

/// <summary>
/// The <c>access_tokens</c> table of the database strategy. Instants are stored as UTC Unix milliseconds
/// (<c>bigint</c> / <c>INTEGER</c>) on both providers: SQLite cannot compare <c>DateTimeOffset</c> text in SQL, and
/// expiry is compared in SQL (reads, the purge), so one mapping that orders correctly everywhere keeps the model
/// provider-neutral.
/// </summary>
public sealed class AccessTokenRecordConfiguration : IEntityTypeConfiguration<AccessTokenRecord>
{
    public const string TableName = "access_tokens";

    /// <summary>SHA-256 as lower-case hex.</summary>
    public const int TokenHashLength = 64;

    public void Configure(EntityTypeBuilder<AccessTokenRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(t => t.TokenHash).HasName("pk_access_tokens");

        builder.Property(t => t.TokenHash).HasColumnName("token_hash").HasMaxLength(TokenHashLength).ValueGeneratedNever();
        builder.Property(t => t.UserId).HasColumnName("user_id");
        builder.Property(t => t.SessionId).HasColumnName("session_id");
        builder.Property(t => t.SecurityStamp).HasColumnName("security_stamp").HasMaxLength(UserConfiguration.SecurityStampLength);
        builder.Property(t => t.CreatedAt).HasColumnName("created_at").HasConversion(UnixMilliseconds.Converter);
        builder.Property(t => t.ExpiresAt).HasColumnName("expires_at").HasConversion(UnixMilliseconds.Converter);

        // Deleting a user deletes its tokens in the database, whether or not they were loaded.
        builder.HasOne<User>()
            .WithMany()
            .HasForeignKey(t => t.UserId)
            .OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_access_tokens_users_user_id");

        // Ending a session ends its tokens, in the same statement.
        builder.HasOne<Session>()
            .WithMany()
            .HasForeignKey(t => t.SessionId)
            .OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_access_tokens_sessions_session_id");

        builder.HasIndex(t => t.UserId).HasDatabaseName("ix_access_tokens_user_id");
        builder.HasIndex(t => t.SessionId).HasDatabaseName("ix_access_tokens_session_id");
        builder.HasIndex(t => t.ExpiresAt).HasDatabaseName("ix_access_tokens_expires_at");
    }
}
