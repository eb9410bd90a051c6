using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway redis-server on a free loopback port, without persistence, for one test class. A detached watchdog stops
/// it if the test process dies first. Unavailable (the tests skip, except under <c>CI=true</c>) when Debian's
/// <c>redis-server</c> is not installed.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private const string Binary = "/usr/bin/redis-server";

    private Process? _server;

    /// <summary>The StackExchange.Redis configuration string of the running server.</summary>
    public string Configuration { get; private set; } = string.Empty;

    public int Port { get; private set; }

    public string? UnavailableReason { get; private set; }

    public Task InitializeAsync()
    {
        if (!File.Exists(Binary))
        {
            UnavailableReason = $"Redis tests need Debian's redis-server at {Binary} (apt-get install -y redis-server; .ci/run installs it).";
            return Task.CompletedTask;
        }

        Port = TestServerProcesses.FreePort();
        Configuration = $"127.0.0.1:{Port}";
        Start();
        return WaitUntilAnsweringAsync();
    }

    public void SkipIfUnavailable()
    {
        if (UnavailableReason is not null && PostgresServer.MustRun)
        {
            throw new InvalidOperationException(UnavailableReason + " CI must run these tests.");
        }

        Skip.If(UnavailableReason is not null, UnavailableReason);
    }

    /// <summary>Stops the server (a Redis outage); <see cref="Start"/> brings it back on the same port.</summary>
    public void Stop()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    public void Start()
    {
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        TestServerProcesses.StartWatchdog(_server.Id);
    }

    public async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new TimeoutException($"redis-server did not answer on port {Port}.");
    }

    public Task DisposeAsync()
    {
        Stop();
        _server?.Dispose();
        return Task.CompletedTask;
    }
}
