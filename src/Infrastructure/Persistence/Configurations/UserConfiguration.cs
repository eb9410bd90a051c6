using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Users.Domain.Users;

namespace Users.Infrastructure.Persistence.Configurations;

/// <summary>
/// The <c>users</c> table, with FastAPI Users' column names (snake_case) so the data reads the same as upstream.
/// Provider-neutral on purpose: both migration sets are generated from this one mapping.
/// </summary>
public sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public const string TableName = "users";

    /// <summary>The unique index that settles concurrent registrations of one address.</summary>
    public const string NormalizedEmailIndexName = "ix_users_normalized_email";

    public const string NormalizedEmailColumn = "normalized_email";

    /// <summary>Room for any hash format this or a future hasher writes (FastAPI Users uses 1024 too).</summary>
    public const int HashedPasswordLength = 1024;

    public const int SecurityStampLength = 64;

    /// <summary>
    /// A shadow property, not part of the aggregate: the row's version, raised by the unit of work at every change
    /// that matters and compared at every write, so that of two requests that read the same row, the second to
    /// commit is refused (optimistic concurrency).
    /// </summary>
    public const string VersionProperty = "Version";

    public void Configure(EntityTypeBuilder<User> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(u => u.Id).HasName("pk_users");
        builder.Ignore(u => u.DomainEvents);

        // Ids come from the domain (version-7 UUIDs), never from the database.
        builder.Property(u => u.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(u => u.Email).HasColumnName("email").HasMaxLength(Email.StorageLength);
        builder.Property(u => u.NormalizedEmail).HasColumnName(NormalizedEmailColumn).HasMaxLength(Email.StorageLength);
        builder.Property(u => u.HashedPassword).HasColumnName("hashed_password").HasMaxLength(HashedPasswordLength);
        builder.Property(u => u.IsActive).HasColumnName("is_active");
        builder.Property(u => u.IsSuperuser).HasColumnName("is_superuser");
        builder.Property(u => u.IsVerified).HasColumnName("is_verified");
        builder.Property(u => u.SecurityStamp).HasColumnName("security_stamp").HasMaxLength(SecurityStampLength);
        builder.Property(u => u.CreatedAt).HasColumnName("created_at");
        builder.Property(u => u.UpdatedAt).HasColumnName("updated_at");
        builder.Property(u => u.LastLoginAt).HasColumnName("last_login_at");
        builder.Property<long>(VersionProperty).HasColumnName("version").IsConcurrencyToken();

        builder.HasIndex(u => u.NormalizedEmail).IsUnique().HasDatabaseName(NormalizedEmailIndexName);

        // Part of the aggregate, loaded only where a use case asks for it (never on the per-request lookup).
        builder.HasMany(u => u.OAuthAccounts)
            .WithOne()
            .HasForeignKey(a => a.UserId)
            .OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_oauth_accounts_users_user_id");
        builder.Navigation(u => u.OAuthAccounts).HasField("_oauthAccounts").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
