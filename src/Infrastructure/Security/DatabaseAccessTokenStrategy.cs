using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Security;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.Security;

/// <summary>
/// FastAPI Users' database strategy: a token is 32 random bytes, URL-safe base64 without padding (43 characters),
/// and the database keeps a row per token holding only its SHA-256, the user, its session (the row goes when the
/// session ends), the user's security stamp at issue and the expiry. Logout deletes the row; expired rows are refused, then purged. Scoped: it works in the request's
/// <see cref="UsersDbContext"/>, and only stages changes for the caller's unit of work to commit.
/// </summary>
public sealed class DatabaseAccessTokenStrategy(IServiceProvider services, IOptions<AuthTokenOptions> options, TimeProvider time)
    : IAccessTokenStrategy
{
    // Resolved on first use, from the request's scope: every strategy is constructed wherever one is looked up by
    // name, so a request authenticated by JWT would otherwise lease a pooled context it never touches.
    private UsersDbContext? _db;

    public string Name => AccessTokenStrategyNames.Database;

    private UsersDbContext Db => _db ??= services.GetRequiredService<UsersDbContext>();

    public ValueTask<IssuedToken> IssueAsync(User user, Session session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(session);
        var token = OpaqueTokens.New();
        var now = time.GetUtcNow();
        var expiresAt = now.AddSeconds(options.Value.AccessTokenLifetimeSeconds);
        Db.AccessTokens.Add(new AccessTokenRecord
        {
            TokenHash = OpaqueTokens.Hash(token),
            UserId = user.Id,
            SessionId = session.Id,
            SecurityStamp = user.SecurityStamp,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        });
        return ValueTask.FromResult(new IssuedToken(token, options.Value.AccessTokenLifetimeSeconds, expiresAt));
    }

    public async ValueTask<AccessTokenClaims?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        if (!OpaqueTokens.IsWellFormed(token))
        {
            return null;
        }

        var hash = OpaqueTokens.Hash(token);
        var now = time.GetUtcNow();
        var row = await Unexpired(Db.AccessTokens.AsNoTracking(), hash, now)
            .Select(t => new { t.UserId, t.SecurityStamp, t.SessionId })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new AccessTokenClaims(row.UserId, row.SecurityStamp, row.SessionId);
    }

    public async ValueTask RevokeAsync(string token, CancellationToken cancellationToken)
    {
        if (!OpaqueTokens.IsWellFormed(token))
        {
            return;
        }

        // Find looks among tracked rows first, so a token issued in this same scope is revoked too.
        var row = await Db.AccessTokens.FindAsync([OpaqueTokens.Hash(token)], cancellationToken);
        if (row is not null)
        {
            Db.AccessTokens.Remove(row);
        }
    }

    /// <summary>The row of <paramref name="hash"/> if it has not expired at <paramref name="now"/> (compared in SQL).</summary>
    internal static IQueryable<AccessTokenRecord> Unexpired(IQueryable<AccessTokenRecord> tokens, string hash, DateTimeOffset now) =>
        tokens.Where(t => t.TokenHash == hash && now < t.ExpiresAt);
}
