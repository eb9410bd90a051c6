using Users.Application.Abstractions.Audit;
using Users.Domain.Sessions;

namespace Users.Api.Authentication;

/// <summary>
/// The audit context of an HTTP request: the authenticated caller and its session (when the route authenticated
/// one), and the client's address and user agent. Read only when an audit entry is written.
/// </summary>
public sealed class HttpAuditContext(IHttpContextAccessor accessor) : IAuditContext
{
    private CurrentUserFeature? Current => accessor.HttpContext?.Features.Get<CurrentUserFeature>();

    public Guid? ActorId => Current?.User.Id;

    public Guid? SessionId => Current?.SessionId;

    public SessionClient Client => accessor.HttpContext is { } context ? context.SessionClient() : SessionClient.Unknown;
}
