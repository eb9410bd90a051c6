using Users.Application.Abstractions.Audit;
using Users.Domain.Audit;
using Users.Domain.Common;
using Users.Domain.Sessions;
using Users.Domain.Sessions.Events;
using Users.Domain.Users;
using Users.Domain.Users.Events;

namespace Users.Application.Audit;

/// <summary>
/// Which audit entries a domain event stands for. The unit of work writes them in the transaction that commits the
/// event's change, so the trail never holds an entry without its change, nor a change without its entry.
/// </summary>
public static class AuditTrail
{
    /// <summary>
    /// The entries of <paramref name="domainEvent"/>, raised by <paramref name="source"/> (whose state after the change
    /// tells, for instance, whether an updated flag was set or cleared), at <paramref name="now"/> in <paramref name="context"/>,
    /// with ids from <paramref name="ids"/> (one sequence per commit keeps its entries in the order recorded).
    /// </summary>
    public static IEnumerable<AuditEvent> EntriesFor(IDomainEvent domainEvent, object source, IAuditContext context, DateTimeOffset now, Func<Guid> ids)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ids);
        var drafts = DraftsFor(domainEvent, source).ToList();
        if (drafts.Count == 0)
        {
            return []; // most events of a commit are hooks only: the request is not even asked who made them
        }

        var (actor, client, session) = (context.ActorId, context.Client, context.SessionId);
        return drafts.Select(d => AuditEvent.Record(
            d.Type, now, d.UserId, actor ?? (d.ProvenByTheUser ? d.UserId : null), client, d.SessionId ?? session, ids())).ToList();
    }

    private static IEnumerable<Draft> DraftsFor(IDomainEvent domainEvent, object source) => domainEvent switch
    {
        UserRegistered e => [new(AuditEventType.Registered, e.UserId, ProvenByTheUser: true)],
        SessionStarted e => [new(AuditEventType.LoginSucceeded, e.UserId, e.SessionId, ProvenByTheUser: true)],
        SessionEnded e => [new(Ended(e.Reason), e.UserId, e.SessionId)],
        SignedOutEverywhere e => [new(AuditEventType.SessionEnded, e.UserId)],
        PasswordReset e => [new(AuditEventType.PasswordReset, e.UserId, ProvenByTheUser: true)],
        UserVerified e => [new(AuditEventType.Verified, e.UserId, ProvenByTheUser: true)],
        UserUpdated e when source is User user => e.ChangedFields.SelectMany(field => Changed(field, user)),
        UserDeleted e => [new(AuditEventType.UserDeleted, e.UserId)],
        OAuthAccountLinked e => [new(AuditEventType.OAuthLinked, e.UserId, ProvenByTheUser: true)],
        OAuthAccountUnlinked e => [new(AuditEventType.OAuthUnlinked, e.UserId, ProvenByTheUser: true)],
        _ => [],
    };

    private static AuditEventType Ended(SessionEndReason reason) => reason switch
    {
        SessionEndReason.Logout => AuditEventType.Logout,
        SessionEndReason.RefreshTokenReused => AuditEventType.RefreshReuseDetected,
        _ => AuditEventType.SessionEnded,
    };

    // A PATCH names what changed; the user's state after it says in which direction.
    private static IEnumerable<Draft> Changed(string field, User user) => field switch
    {
        UserFieldNames.Password => [new(AuditEventType.PasswordChanged, user.Id)],
        UserFieldNames.Email => [new(AuditEventType.EmailChanged, user.Id)],
        UserFieldNames.IsActive => [new(user.IsActive ? AuditEventType.Activated : AuditEventType.Deactivated, user.Id)],
        UserFieldNames.IsSuperuser => [new(user.IsSuperuser ? AuditEventType.SuperuserGranted : AuditEventType.SuperuserRevoked, user.Id)],
        UserFieldNames.IsVerified when user.IsVerified => [new(AuditEventType.Verified, user.Id)],
        _ => [],
    };

    private sealed record Draft(AuditEventType Type, Guid UserId, Guid? SessionId = null, bool ProvenByTheUser = false);
}
