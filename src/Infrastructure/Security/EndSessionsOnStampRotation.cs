using Microsoft.EntityFrameworkCore;
using Users.Application.Common.Events;
using Users.Domain.Users.Events;
using Users.Infrastructure.Persistence;

namespace Users.Infrastructure.Security;

/// <summary>
/// When a user's security stamp is replaced (password change or reset, deactivation, "log out everywhere"), deletes
/// the user's database-strategy tokens issued under an earlier stamp. Runs after the commit that rotated the stamp.
/// </summary>
/// <remarks>
/// Revocation does not depend on this cleanup: every token row carries the stamp it was issued under, and the
/// application refuses a token whose stamp is no longer the user's, so a row this handler fails to delete (handler
/// error, crash right after the commit) is refused anyway and purged once it expires. Rows already carrying the
/// current stamp (a login that committed after the rotation) are kept.
/// </remarks>
public sealed class DeleteDatabaseTokensOnStampRotation(UsersDbContext db) : IDomainEventHandler<SecurityStampRotated>
{
    public Task Handle(SecurityStampRotated domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var userId = domainEvent.UserId;
        return db.AccessTokens
            .Where(t => t.UserId == userId && db.Users.Any(u => u.Id == userId && u.SecurityStamp != t.SecurityStamp))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
