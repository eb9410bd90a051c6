using Users.Domain.Audit;

namespace Users.Application.Abstractions.Persistence;

/// <summary>
/// The audit trail's store. Entries added here are written by the next commit of the unit of work, in its
/// transaction; the unit of work also adds the entries of the domain events it commits (see <c>AuditTrail</c>).
/// </summary>
public interface IAuditLog
{
    void Add(AuditEvent entry);

    /// <summary>The user's entries newest first, older than <paramref name="before"/> when given; at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditEvent>> ListAsync(Guid userId, Guid? before, int limit, CancellationToken cancellationToken);
}
