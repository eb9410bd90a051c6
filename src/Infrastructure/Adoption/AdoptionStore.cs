using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Adoption;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Security;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.Adoption;

/// <summary>
/// Our database's side of an adoption. Existence checks go by chunks of ids (a hundred thousand ids are a hundred
/// small queries, whatever our table holds); the plan is written in one transaction, in batches of
/// <see cref="BatchSize"/> rows with the change tracker cleared between them, so memory stays flat.
/// </summary>
public sealed class AdoptionStore(UsersDbContext db, IOptions<AuthTokenOptions> options) : IAdoptionStore
{
    public const int BatchSize = 1000;

    // The columns adoption sets itself; any other column of ours that a deployment's custom column matches by name
    // (a field added with the README's recipe) takes that column's values.
    private static readonly HashSet<string> OwnColumns = new(StringComparer.Ordinal)
    {
        "id", "email", "normalized_email", "hashed_password", "is_active", "is_superuser", "is_verified", "security_stamp",
        "updated_at", "version",
    };

    public TimeSpan AccessTokenLifetime => TimeSpan.FromSeconds(options.Value.AccessTokenLifetimeSeconds);

    public async Task<ExistingRecords> FindExistingAsync(FastApiUsersSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var userIds = new HashSet<Guid>();
        foreach (var chunk in snapshot.Users.Select(u => u.Id).Chunk(BatchSize))
        {
            userIds.UnionWith(await db.Users.AsNoTracking().Where(u => chunk.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken));
        }

        var byEmail = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var addresses = snapshot.Users.Select(u => Email.Create(u.Email)).Where(e => e.IsSuccess).Select(e => e.Value.Normalized).Distinct();
        foreach (var chunk in addresses.Chunk(BatchSize))
        {
            foreach (var (id, normalized) in await db.Users.AsNoTracking().Where(u => chunk.Contains(u.NormalizedEmail))
                .Select(u => new ValueTuple<Guid, string>(u.Id, u.NormalizedEmail)).ToListAsync(cancellationToken))
            {
                byEmail[normalized] = id;
            }
        }

        var accounts = db.Set<OAuthAccount>().AsNoTracking();
        var accountIds = new HashSet<Guid>();
        foreach (var chunk in snapshot.OAuthAccounts.Select(a => a.Id).Chunk(BatchSize))
        {
            accountIds.UnionWith(await accounts.Where(a => chunk.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken));
        }

        var byProviderAccount = new Dictionary<(string, string), Guid>();
        foreach (var chunk in snapshot.OAuthAccounts.Select(a => a.AccountId).Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            foreach (var account in await accounts.Where(a => chunk.Contains(a.AccountId))
                .Select(a => new { a.Id, a.OAuthName, a.AccountId }).ToListAsync(cancellationToken))
            {
                byProviderAccount[(account.OAuthName, account.AccountId)] = account.Id;
            }
        }

        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in snapshot.AccessTokens.Select(t => t.Token).Chunk(BatchSize))
        {
            var byHash = chunk.ToDictionary(OpaqueTokens.Hash, t => t, StringComparer.Ordinal);
            var hashes = byHash.Keys.ToList();
            var stored = await db.AccessTokens.AsNoTracking().Where(t => hashes.Contains(t.TokenHash)).Select(t => t.TokenHash).ToListAsync(cancellationToken);
            tokens.UnionWith(stored.Select(h => byHash[h]));
        }

        return new ExistingRecords(userIds, byEmail, accountIds, byProviderAccount, tokens, CarriableColumns());
    }

    public async Task WriteAsync(AdoptionPlan plan, IProgress<AdoptionProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear(); // a retried attempt starts from nothing, as its transaction did
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var properties = UserProperties();
            await WriteInBatchesAsync(plan.Users, "writing users", progress, user =>
            {
                db.Users.Add(user.User);
                var entry = db.Entry(user.User);
                foreach (var (column, value) in user.CarriedColumns)
                {
                    // A column the deployment left empty keeps our value where our field cannot be empty (created_at).
                    if (value is not null || properties[column].IsNullable)
                    {
                        entry.Property(properties[column].Name).CurrentValue = CarriedValues.Convert(value, properties[column].ClrType, column, user.User.Id);
                    }
                }
            }, cancellationToken);
            await WriteInBatchesAsync(plan.OAuthAccounts, "writing OAuth accounts", progress, account => db.Add(account), cancellationToken);

            var stamps = await StampsAsync(plan, cancellationToken);
            await WriteInBatchesAsync(plan.AccessTokens, "writing access tokens", progress, token =>
            {
                var session = Session.Adopt(token.UserId, stamps[token.UserId], token.CreatedAt, token.ExpiresAt);
                db.Sessions.Add(session);
                db.AccessTokens.Add(new AccessTokenRecord
                {
                    TokenHash = OpaqueTokens.Hash(token.Token),
                    UserId = token.UserId,
                    SessionId = session.Id,
                    SecurityStamp = session.SecurityStamp,
                    CreatedAt = token.CreatedAt,
                    ExpiresAt = token.ExpiresAt,
                });
            }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    private async Task WriteInBatchesAsync<T>(
        IReadOnlyList<T> rows, string phase, IProgress<AdoptionProgress>? progress, Action<T> add, CancellationToken cancellationToken)
    {
        for (var start = 0; start < rows.Count; start += BatchSize)
        {
            foreach (var row in rows.Skip(start).Take(BatchSize))
            {
                add(row);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            progress?.Report(new AdoptionProgress(phase, Math.Min(start + BatchSize, rows.Count), rows.Count));
        }
    }

    // Adopted users' stamps from the plan; the others' (adopted by an earlier run) from the database.
    private async Task<Dictionary<Guid, string>> StampsAsync(AdoptionPlan plan, CancellationToken cancellationToken)
    {
        var stamps = plan.Users.ToDictionary(u => u.User.Id, u => u.User.SecurityStamp);
        var others = plan.AccessTokens.Select(t => t.UserId).Where(id => !stamps.ContainsKey(id)).Distinct();
        foreach (var chunk in others.Chunk(BatchSize))
        {
            foreach (var user in await db.Users.AsNoTracking().Where(u => chunk.Contains(u.Id))
                .Select(u => new { u.Id, u.SecurityStamp }).ToListAsync(cancellationToken))
            {
                stamps[user.Id] = user.SecurityStamp;
            }
        }

        return stamps;
    }

    private HashSet<string> CarriableColumns() => UserProperties().Keys.Where(c => !OwnColumns.Contains(c)).ToHashSet(StringComparer.Ordinal);

    private Dictionary<string, IProperty> UserProperties() =>
        db.Model.FindEntityType(typeof(User))!.GetProperties()
            .Where(p => p.GetColumnName() is not null)
            .ToDictionary(p => p.GetColumnName(), p => p, StringComparer.Ordinal);
}
