using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Users.Domain.Audit;
using Users.Domain.Sessions;
using Users.Domain.Users;

namespace Users.Infrastructure.Persistence;

/// <summary>
/// The service's database. Abstract because each provider has its own subclass, so that each keeps its own
/// migrations (column types differ: <c>uuid</c> and <c>timestamp with time zone</c> against SQLite's <c>TEXT</c>).
/// The model itself is the same for both: it comes from the configurations in this assembly.
/// </summary>
public abstract class UsersDbContext : DbContext, IDataProtectionKeyContext
{
    protected UsersDbContext(DbContextOptions options)
        : base(options) { }

    public DbSet<User> Users => Set<User>();

    /// <summary>One row per login; every token belongs to one.</summary>
    public DbSet<Session> Sessions => Set<Session>();

    /// <summary>Refresh tokens (hashes only), each of one session.</summary>
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    /// <summary>The audit trail.</summary>
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    /// <summary>The database strategy's tokens (hashes only).</summary>
    public DbSet<AccessTokenRecord> AccessTokens => Set<AccessTokenRecord>();

    /// <summary>Consecutive failed password checks per address (login lockout).</summary>
    public DbSet<LoginThrottleRecord> LoginThrottles => Set<LoginThrottleRecord>();

    /// <summary>Rate-limit hits per key and window, shared by every instance.</summary>
    public DbSet<RateLimitCounterRecord> RateLimitCounters => Set<RateLimitCounterRecord>();

    /// <summary>Mail waiting for delivery (and the outcome of mail delivered or given up), shared by every instance.</summary>
    public DbSet<OutboxEmailRecord> OutboxEmails => Set<OutboxEmailRecord>();

    /// <summary>Data Protection's key ring (it encrypts provider tokens), shared by every instance over this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(UsersDbContext).Assembly);
    }
}
