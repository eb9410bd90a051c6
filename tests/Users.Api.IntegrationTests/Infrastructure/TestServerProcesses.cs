using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>What the fixtures that run a server process of their own (Redis, the OpenID Connect provider) share.</summary>
internal static class TestServerProcesses
{
    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A detached watchdog that stops <paramref name="serverId"/> when the test process dies first (a crash or a
    /// killed test run would otherwise leave the server running).
    /// </summary>
    public static void StartWatchdog(int serverId)
    {
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 {serverId} 2>/dev/null; do sleep 1; done; kill {serverId} 2>/dev/null";
        var start = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-f", "bash", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }

        using var watchdog = Process.Start(start);
        watchdog?.WaitForExit(TimeSpan.FromSeconds(10));
    }
}
