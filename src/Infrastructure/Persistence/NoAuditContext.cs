using Users.Application.Abstractions.Audit;
using Users.Domain.Sessions;

namespace Users.Infrastructure.Persistence;

/// <summary>The audit context outside a request (the command line, background work): nobody authenticated, no client.</summary>
internal sealed class NoAuditContext : IAuditContext
{
    public Guid? ActorId => null;

    public Guid? SessionId => null;

    public SessionClient Client => SessionClient.Unknown;
}
