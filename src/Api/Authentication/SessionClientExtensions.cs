using Users.Domain.Sessions;

namespace Users.Api.Authentication;

public static class SessionClientExtensions
{
    /// <summary>
    /// The client as a new session records it: the connection's address (the forwarded one only through a trusted
    /// proxy, see <c>ForwardedHeaders:TrustedProxies</c>) and the <c>User-Agent</c> it sent.
    /// </summary>
    public static SessionClient SessionClient(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        var ip = address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
        return new SessionClient(ip?.ToString(), context.Request.Headers.UserAgent.ToString());
    }
}
