using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Users.Api.Networking;

/// <summary>
/// Which proxies may say who the client is (<c>ForwardedHeaders:TrustedProxies</c>: addresses such as
/// <c>10.0.0.5</c> or networks such as <c>10.0.0.0/8</c>). Only from those is <c>X-Forwarded-For</c> (the client
/// address rate limits and logs use) and <c>X-Forwarded-Proto</c> (whether the request came over HTTPS) believed;
/// with none configured, nobody is believed and the connection's own address counts. ASP.NET Core's default trust of
/// loopback is removed: a process on the same host is not a proxy unless named.
/// </summary>
public static class TrustedProxies
{
    public const string SectionName = "ForwardedHeaders:TrustedProxies";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var entries = configuration.GetSection(SectionName).Get<string[]>() ?? [];
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        var failures = new List<string>();
        foreach (var entry in entries.Select(e => e.Trim()))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                failures.Add($"{SectionName} entry '{entry}' is neither an IP address nor a network such as 10.0.0.0/8.");
            }
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(SectionName, typeof(ForwardedHeadersOptions), failures);
        }

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = null; // walk back through every trusted proxy, stopping at the first untrusted address
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
        return services;
    }
}
