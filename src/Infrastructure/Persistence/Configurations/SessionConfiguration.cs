using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Users.Domain.Sessions;
using Users.Domain.Users;

namespace Users.Infrastructure.Persistence.Configurations;

/// <summary>
/// The <c>sessions</c> table. Instants are UTC Unix milliseconds, as for tokens: the current-user lookup, the
/// last-use update and the purge compare them in SQL on both providers. Deleting a user deletes its sessions, and
/// deleting a session deletes its tokens, in the database, whether or not they were loaded.
/// </summary>
public sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public const string TableName = "sessions";

    public void Configure(EntityTypeBuilder<Session> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(s => s.Id).HasName("pk_sessions");
        builder.Ignore(s => s.DomainEvents);

        builder.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(s => s.UserId).HasColumnName("user_id");
        builder.Property(s => s.SecurityStamp).HasColumnName("security_stamp").HasMaxLength(UserConfiguration.SecurityStampLength);
        builder.Property(s => s.Backend).HasColumnName("backend").HasMaxLength(Session.BackendLength);
        builder.Property(s => s.UserAgent).HasColumnName("user_agent").HasMaxLength(SessionClient.UserAgentLength);
        builder.Property(s => s.Ip).HasColumnName("ip").HasMaxLength(SessionClient.IpLength);
        builder.Property(s => s.CreatedAt).HasColumnName("created_at").HasConversion(UnixMilliseconds.Converter);
        builder.Property(s => s.LastUsedAt).HasColumnName("last_used_at").HasConversion(UnixMilliseconds.Converter);
        builder.Property(s => s.ExpiresAt).HasColumnName("expires_at").HasConversion(UnixMilliseconds.Converter);

        builder.HasOne<User>()
            .WithMany()
            .HasForeignKey(s => s.UserId)
            .OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_sessions_users_user_id");

        builder.HasIndex(s => s.UserId).HasDatabaseName("ix_sessions_user_id");
        builder.HasIndex(s => s.ExpiresAt).HasDatabaseName("ix_sessions_expires_at");
    }
}
