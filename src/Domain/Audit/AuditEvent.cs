using Users.Domain.Common;
using Users.Domain.Sessions;

namespace Users.Domain.Audit;

/// <summary>
/// One entry of the audit trail: what happened, to whom, by whom, from where and in which session. It holds ids,
/// an address and a user agent only: never a password, a token or a hash. Written with the change it records.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent() { } // for EF Core

    /// <summary>
    /// A version-7 UUID: ordering by id is ordering by time to the millisecond, and within one commit by the order of
    /// recording (its entries take their ids from one <see cref="TimeOrderedIds.Sequence"/>).
    /// </summary>
    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public AuditEventType Type { get; private set; }

    /// <summary>The user the event is about; <c>null</c> for a failed login of an address no user has.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>Who did it: the authenticated caller (a superuser for admin actions), or the user proving who they are.</summary>
    public Guid? ActorId { get; private set; }

    public string? Ip { get; private set; }

    public string? UserAgent { get; private set; }

    public Guid? SessionId { get; private set; }

    public static AuditEvent Record(
        AuditEventType type, DateTimeOffset at, Guid? userId, Guid? actorId, SessionClient client, Guid? sessionId, Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new AuditEvent
        {
            Id = id ?? Guid.CreateVersion7(at),
            At = at,
            Type = type,
            UserId = userId,
            ActorId = actorId,
            Ip = client.Ip,
            UserAgent = client.UserAgent,
            SessionId = sessionId,
        };
    }
}
