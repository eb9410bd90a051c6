using Microsoft.EntityFrameworkCore;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Audit;

namespace Users.Infrastructure.Persistence;

public sealed class AuditLog(UsersDbContext db) : IAuditLog
{
    public void Add(AuditEvent entry) => db.AuditEvents.Add(entry);

    // Ids are version-7 UUIDs, ordered alike in .NET's big-endian bytes, SQLite's upper-case text and PostgreSQL's uuid.
    public async Task<IReadOnlyList<AuditEvent>> ListAsync(Guid userId, Guid? before, int limit, CancellationToken cancellationToken)
    {
        var query = db.AuditEvents.AsNoTracking().Where(e => e.UserId == userId);
        if (before is { } last)
        {
            query = query.Where(e => e.Id.CompareTo(last) < 0);
        }

        return await query.OrderByDescending(e => e.Id).Take(limit).ToListAsync(cancellationToken);
    }
}
