using Users.Domain.Sessions;

namespace Users.Application.Abstractions.Audit;

/// <summary>
/// Who is asking and from where, for the audit trail: the authenticated caller and the session it came through (none
/// for anonymous requests and the command line), and the client's address and user agent.
/// </summary>
public interface IAuditContext
{
    Guid? ActorId { get; }

    Guid? SessionId { get; }

    SessionClient Client { get; }
}
