namespace Users.Api.Networking;

public static class ClientAddressExtensions
{
    /// <summary>
    /// The client's address as this service counts and records it: the connection's (the forwarded one only through
    /// a trusted proxy, see <see cref="TrustedProxies"/>), an IPv4 client on a dual-stack socket written as IPv4.
    /// <c>null</c> when there is no network peer.
    /// </summary>
    public static string? ClientAddress(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        return (address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address)?.ToString();
    }
}
