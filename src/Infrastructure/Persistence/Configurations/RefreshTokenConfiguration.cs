using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Users.Domain.Sessions;

namespace Users.Infrastructure.Persistence.Configurations;

/// <summary>
/// The <c>refresh_tokens</c> table: hashes only, instants as UTC Unix milliseconds. <c>spent_at</c> is a concurrency
/// token, so spending is <c>UPDATE … WHERE token_hash = @h AND spent_at IS NULL</c>: of racing exchanges of one
/// token exactly one commits. Deleting a session deletes its refresh tokens in the database.
/// </summary>
public sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public const string TableName = "refresh_tokens";

    /// <summary>Room for a sealed pair: an access JWT, a refresh token and a lifetime, encrypted and base64-encoded.</summary>
    public const int SealedSuccessorLength = 4096;

    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(t => t.TokenHash).HasName("pk_refresh_tokens");

        builder.Property(t => t.TokenHash).HasColumnName("token_hash").HasMaxLength(AccessTokenRecordConfiguration.TokenHashLength).ValueGeneratedNever();
        builder.Property(t => t.SessionId).HasColumnName("session_id");
        builder.Property(t => t.CreatedAt).HasColumnName("created_at").HasConversion(UnixMilliseconds.Converter);
        builder.Property(t => t.ExpiresAt).HasColumnName("expires_at").HasConversion(UnixMilliseconds.Converter);
        builder.Property(t => t.SpentAt).HasColumnName("spent_at").HasConversion(UnixMilliseconds.Converter).IsConcurrencyToken();
        builder.Property(t => t.SealedSuccessor).HasColumnName("sealed_successor").HasMaxLength(SealedSuccessorLength);

        builder.HasOne<Session>()
            .WithMany()
            .HasForeignKey(t => t.SessionId)
            .OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_refresh_tokens_sessions_session_id");

        builder.HasIndex(t => t.SessionId).HasDatabaseName("ix_refresh_tokens_session_id");
        builder.HasIndex(t => t.ExpiresAt).HasDatabaseName("ix_refresh_tokens_expires_at");
    }
}
