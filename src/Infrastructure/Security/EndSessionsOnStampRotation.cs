using Microsoft.EntityFrameworkCore;
using Users.Application.Common.Events;
using Users.Domain.Users.Events;
using Users.Infrastructure.Persistence;

namespace Users.Infrastructure.Security;

/// <summary>
/// When a user's security stamp is replaced (password change or reset, deactivation, "log out everywhere"), deletes
/// the user's sessions started under an earlier stamp, and with them (in the database, by cascade) their database
/// tokens. Runs after the commit that rotated the stamp.
/// </summary>
/// <remarks>
/// Revocation does not depend on this cleanup: every session and token carries the stamp it was issued under, and
/// the application refuses one whose stamp is no longer the user's, so a row this handler fails to delete (handler
/// error, crash right after the commit) is refused anyway and purged once it expires. Sessions already carrying the
/// current stamp (a login that committed after the rotation) are kept.
/// </remarks>
public sealed class EndSessionsOnStampRotation(UsersDbContext db) : IDomainEventHandler<SecurityStampRotated>
{
    public Task Handle(SecurityStampRotated domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var userId = domainEvent.UserId;
        return db.Sessions
            .Where(s => s.UserId == userId && db.Users.Any(u => u.Id == userId && u.SecurityStamp != s.SecurityStamp))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
