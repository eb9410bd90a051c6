using Users.Application.Abstractions.Audit;
using Users.Domain.Sessions;

namespace Users.Api.Authentication;

/// <summary>
/// The audit context of an HTTP request: the authenticated caller and its session (when the route authenticated
/// one), and the client's address and user agent. Read only when an audit entry is written. One per request scope,
/// bound to its request by <see cref="Bind"/> as the request starts (<see cref="WebApplicationExtensions.UseApi"/>);
/// a scope of background work is never bound and knows no caller.
/// </summary>
/// <remarks>
/// Bound explicitly rather than read through <c>IHttpContextAccessor</c>: registering the accessor makes the host set an
/// <see cref="AsyncLocal{T}"/> on every request, and every await of every request then carries a non-default
/// execution context — a cost on the hottest path (<c>GET /users/me</c>) for a value read by a few writes.
/// </remarks>
public sealed class HttpAuditContext : IAuditContext
{
    private HttpContext? _request;

    public Guid? ActorId => Current?.User.Id;

    public Guid? SessionId => Current?.SessionId;

    public SessionClient Client => _request is { } request ? request.SessionClient() : SessionClient.Unknown;

    private CurrentUserFeature? Current => _request?.Features.Get<CurrentUserFeature>();

    /// <summary>Makes <paramref name="request"/> the one this scope audits.</summary>
    public void Bind(HttpContext request) => _request = request;

    /// <summary>Binds the request scope's audit context to the request; first in the pipeline.</summary>
    public static Task BindToRequestAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.RequestServices.GetRequiredService<HttpAuditContext>().Bind(context);
        return next(context);
    }
}
