using Users.Api.Networking;
using Users.Domain.Sessions;

namespace Users.Api.Authentication;

public static class SessionClientExtensions
{
    /// <summary>
    /// The client as a new session records it: its address (<see cref="ClientAddressExtensions.ClientAddress"/>) and the
    /// <c>User-Agent</c> it sent.
    /// </summary>
    public static SessionClient SessionClient(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new SessionClient(context.ClientAddress(), context.Request.Headers.UserAgent.ToString());
    }
}
