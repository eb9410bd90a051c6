using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Users.Application.Abstractions.Audit;
using Users.Application.Abstractions.Persistence;
using Users.Application.Audit;
using Users.Application.Common.Events;
using Users.Domain.Audit;
using Users.Domain.Common;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.Infrastructure.Persistence.Configurations;

namespace Users.Infrastructure.Persistence;

/// <summary>
/// Commits the tracked changes together with the audit entries of their domain events (one transaction: no entry
/// without its change, no change without its entry), then hands the events to their handlers (the user-manager
/// hooks). Transactional hooks (mail into the outbox) run first, before the commit, so what they add is stored with the
/// change; an exception of one stores nothing. The other hooks get the events only after the commit, each once, and a
/// failing one is logged rather than thrown: the change is already stored, so the caller must still see success.
/// </summary>
public sealed partial class UnitOfWork(
    UsersDbContext db, IDomainEventPublisher events, IAuditContext auditContext, TimeProvider time, ILogger<UnitOfWork> logger) : IUnitOfWork
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        RaiseVersionsOfChangedUsers();

        // Taken before saving: deleted entities are no longer tracked afterwards, yet their events must go out.
        var aggregates = db.ChangeTracker.Entries<AggregateRoot>()
            .Select(entry => entry.Entity)
            .Where(aggregate => aggregate.DomainEvents.Count > 0)
            .ToList();
        foreach (var domainEvent in aggregates.SelectMany(aggregate => aggregate.DomainEvents).ToList())
        {
            await events.PublishBeforeCommitAsync(domainEvent, cancellationToken);
        }

        var now = time.GetUtcNow();
        var ids = TimeOrderedIds.Sequence(now);
        foreach (var aggregate in aggregates)
        {
            foreach (var domainEvent in aggregate.DomainEvents)
            {
                db.AuditEvents.AddRange(AuditTrail.EntriesFor(domainEvent, aggregate, auditContext, now, ids));
            }
        }

        var audited = db.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();

        try
        {
            await SaveTolerantOfRevokedTokensAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueViolations.IsNormalizedEmailTaken(exception))
        {
            // Nothing was stored. Forget the failed changes so a later save in this scope does not retry them.
            db.ChangeTracker.Clear();
            throw new EmailAlreadyTakenException("Another user already has this email address.", exception);
        }
        catch (DbUpdateException exception) when (UniqueViolations.IsOAuthAccountTaken(exception))
        {
            db.ChangeTracker.Clear();
            throw new OAuthAccountTakenException("Another user already has this provider account linked.", exception);
        }
        catch (DbUpdateConcurrencyException exception) when (exception.Entries.Any(e => e.Entity is User or RefreshToken))
        {
            // Another request wrote the user (or spent the refresh token) since it was read: nothing was stored, and
            // the use case runs again on what is stored now.
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException("The user or refresh token was changed by another request since it was read.", exception);
        }

        foreach (var entry in audited)
        {
            var type = AuditEventTypes.Name(entry.Type);
            LogAudited(type, entry.UserId, entry.ActorId, entry.SessionId);
        }

        var committed = aggregates.SelectMany(aggregate => aggregate.DequeueDomainEvents()).ToList();
        foreach (var domainEvent in committed)
        {
            await PublishAsync(domainEvent);
        }
    }

    // Any change of a user but its last login time raises the row's version, so a request that read the row before
    // that change cannot commit over it. Logins only record the time: many can run for one user at once without
    // refusing each other, yet each still fails if the row changed under it (its check is on every UPDATE).
    private void RaiseVersionsOfChangedUsers()
    {
        foreach (var entry in db.ChangeTracker.Entries<User>())
        {
            if (entry.State == EntityState.Modified
                && entry.Properties.Any(p => p.IsModified && p.Metadata.Name != nameof(User.LastLoginAt)))
            {
                var version = entry.Property<long>(UserConfiguration.VersionProperty);
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }

    // A token or session ended twice at once (a double-clicked logout) has its row deleted by whichever commit comes
    // first; the second sees 0 rows affected. Its goal is met, so it forgets that deletion and commits the rest once more.
    private async Task SaveTolerantOfRevokedTokensAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException exception) when (exception.Entries.Count > 0
                && exception.Entries.All(e => e is { Entity: AccessTokenRecord or Session, State: EntityState.Deleted }))
            {
                foreach (var entry in exception.Entries)
                {
                    entry.State = EntityState.Detached;
                }
            }
        }
    }

    private async Task PublishAsync(IDomainEvent domainEvent)
    {
        try
        {
            // Not the request's token: the change is committed, and a client that hung up must not cost it its hooks.
            await events.PublishAsync(domainEvent, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The event's contents are not logged: some carry tokens.
            LogHandlerFailed(exception, domainEvent.GetType().Name);
        }
    }

    // Ids only: the trail's own row holds the address and user agent; no line ever holds a secret.
    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {AuditEventType}: user {UserId}, actor {ActorId}, session {SessionId}")]
    private partial void LogAudited(string auditEventType, Guid? userId, Guid? actorId, Guid? sessionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler of {EventType} failed after the change was committed; the change stands")]
    private partial void LogHandlerFailed(Exception exception, string eventType);
}
