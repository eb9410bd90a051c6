using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Users.Domain.Users;

namespace Users.Infrastructure.Persistence.Configurations;

/// <summary>
/// The <c>oauth_accounts</c> table, with FastAPI Users' column names. Unlike upstream, one provider account belongs to
/// one user at most (a unique index on provider and account id), and the provider tokens are stored encrypted. Deleting
/// a user deletes its accounts in the database; unlinking one (removing it from the aggregate) deletes its row.
/// </summary>
public sealed class OAuthAccountConfiguration : IEntityTypeConfiguration<OAuthAccount>
{
    public const string TableName = "oauth_accounts";

    /// <summary>The unique index that settles two requests linking one provider account.</summary>
    public const string ProviderAccountIndexName = "ix_oauth_accounts_oauth_name_account_id";

    /// <summary>Room for an encrypted provider token (upstream keeps 1024 characters of clear token; encryption adds to it).</summary>
    public const int ProtectedTokenLength = 4096;

    public void Configure(EntityTypeBuilder<OAuthAccount> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(a => a.Id).HasName("pk_oauth_accounts");

        builder.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(a => a.UserId).HasColumnName("user_id");
        builder.Property(a => a.OAuthName).HasColumnName("oauth_name").HasMaxLength(OAuthIdentity.ProviderNameLength);
        builder.Property(a => a.AccountId).HasColumnName("account_id").HasMaxLength(OAuthIdentity.AccountIdLength);
        builder.Property(a => a.AccountEmail).HasColumnName("account_email").HasMaxLength(Email.StorageLength);
        builder.Property(a => a.AccessToken).HasColumnName("access_token").HasMaxLength(ProtectedTokenLength);
        builder.Property(a => a.ExpiresAt).HasColumnName("expires_at");
        builder.Property(a => a.RefreshToken).HasColumnName("refresh_token").HasMaxLength(ProtectedTokenLength);
        builder.Property(a => a.CreatedAt).HasColumnName("created_at");
        builder.Property(a => a.UpdatedAt).HasColumnName("updated_at");

        builder.HasIndex(a => new { a.OAuthName, a.AccountId }).IsUnique().HasDatabaseName(ProviderAccountIndexName);
        builder.HasIndex(a => a.UserId).HasDatabaseName("ix_oauth_accounts_user_id");
    }
}
