using Microsoft.EntityFrameworkCore;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Users;

namespace Users.Infrastructure.Persistence;

public sealed class UserRepository(UsersDbContext db) : IUserRepository
{
    public Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    public Task<User?> GetByNormalizedEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);

    public Task<User?> FindForReadAsync(Guid id, CancellationToken cancellationToken) => db switch
    {
        PostgresUsersDbContext postgres => CompiledUserQueries<PostgresUsersDbContext>.FindForRead(postgres, id, cancellationToken),
        SqliteUsersDbContext sqlite => CompiledUserQueries<SqliteUsersDbContext>.FindForRead(sqlite, id, cancellationToken),
        _ => db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken),
    };

    public Task<bool> ExistsByNormalizedEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().AnyAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);

    /// <summary>
    /// A keyset page: <c>WHERE id &gt; @after ORDER BY id LIMIT @limit</c>, which walks the primary key
    /// index however deep the page, and neither skips nor repeats rows when users are added meanwhile
    /// (an OFFSET does both). Ids sort the same in .NET, SQLite (upper-case text) and PostgreSQL (uuid).
    /// </summary>
    public async Task<IReadOnlyList<User>> ListAsync(UserListCriteria criteria, CancellationToken cancellationToken) =>
        await BuildListQuery(criteria).ToListAsync(cancellationToken);

    internal IQueryable<User> BuildListQuery(UserListCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var query = db.Users.AsNoTracking();
        if (criteria.After is { } after)
        {
            query = query.Where(u => u.Id.CompareTo(after) > 0);
        }

        if (!string.IsNullOrEmpty(criteria.NormalizedEmailPrefix))
        {
            // LIKE with an explicit escape: '_' and '%' in an address are literal on every provider.
            var pattern = EscapeLike(criteria.NormalizedEmailPrefix) + "%";
            query = query.Where(u => EF.Functions.Like(u.NormalizedEmail, pattern, LikeEscape));
        }

        if (criteria.IsActive is { } isActive)
        {
            query = query.Where(u => u.IsActive == isActive);
        }

        return query.OrderBy(u => u.Id).Take(criteria.Limit);
    }

    private const string LikeEscape = "\\";

    private static string EscapeLike(string value) =>
        value.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal);

    public Task<User?> GetByOAuthAccountAsync(string oauthName, string accountId, CancellationToken cancellationToken) =>
        db.Users.Include(u => u.OAuthAccounts)
            .FirstOrDefaultAsync(u => u.OAuthAccounts.Any(a => a.OAuthName == oauthName && a.AccountId == accountId), cancellationToken);

    public Task<User?> GetWithOAuthAccountsAsync(Guid id, CancellationToken cancellationToken) =>
        db.Users.Include(u => u.OAuthAccounts).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    // Ids are version-7 UUIDs: in id order is in the order they were linked.
    public async Task<IReadOnlyList<OAuthAccount>> ListOAuthAccountsAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Set<OAuthAccount>().AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.Id).ToListAsync(cancellationToken);

    public void Add(User user) => db.Users.Add(user);

    public void Remove(User user) => db.Users.Remove(user);
}
