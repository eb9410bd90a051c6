using Microsoft.EntityFrameworkCore;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Sessions;

namespace Users.Infrastructure.Persistence;

public sealed class SessionRepository(UsersDbContext db) : ISessionRepository
{
    public Task<Session?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Sessions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    // Ids are version-7 UUIDs: ordering by id is ordering by start, on both providers.
    public async Task<IReadOnlyList<Session>> ListUnexpiredAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && now < s.ExpiresAt)
            .OrderByDescending(s => s.Id)
            .ToListAsync(cancellationToken);

    public void Add(Session session) => db.Sessions.Add(session);

    public void Remove(Session session) => db.Sessions.Remove(session);
}
