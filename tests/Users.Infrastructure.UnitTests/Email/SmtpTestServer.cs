using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Users.Infrastructure.UnitTests.Mail;

/// <summary>
/// A real SMTP server on loopback for the tests: Debian's aiosmtpd (<c>apt-get install python3-aiosmtpd</c>),
/// run by the system Python, storing each message it accepts in a maildir. Its handler (<c>refusing_mailbox.py</c>, next
/// to the test assembly) refuses recipients whose local part starts with <see cref="RefuseForGood"/> (550) or
/// <see cref="RefuseForNow"/> (451). Without aiosmtpd the tests that need it are skipped, except when the environment
/// variable <c>CI</c> is <c>true</c>: then they fail.
/// </summary>
public sealed class SmtpTestServer : IAsyncLifetime
{
    public const string Python = "/usr/bin/python3";

    /// <summary>A recipient local part starting with this is refused with 550 (for good).</summary>
    public const string RefuseForGood = "refuse-550";

    /// <summary>A recipient local part starting with this is refused with 451 (try again later).</summary>
    public const string RefuseForNow = "refuse-451";

    private const int ConnectAttempts = 100;
    private static readonly TimeSpan ConnectRetryInterval = TimeSpan.FromMilliseconds(100);

    private Process? _process;

    public string Host { get; } = IPAddress.Loopback.ToString();

    public int Port { get; private set; }

    /// <summary>The maildir: accepted messages appear as files in its <c>new</c> folder.</summary>
    public string Maildir { get; } = Path.Combine(Path.GetTempPath(), "users-smtp-" + Guid.NewGuid().ToString("N"));

    /// <summary>Why the server is not available, or null when it runs.</summary>
    public string? UnavailableReason { get; private set; }

    public string CommandLine { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Python))
        {
            UnavailableReason = $"{Python} does not exist; install python3-aiosmtpd.";
            return;
        }

        var (importExit, importError) = await RunAsync(Python, ["-c", "import aiosmtpd"]);
        if (importExit != 0)
        {
            UnavailableReason = $"{Python} cannot import aiosmtpd (apt-get install -y python3-aiosmtpd): {importError.Trim()}";
            return;
        }

        Port = FreePort();
        await StartAsync();
    }

    /// <summary>Starts the server (again) on <see cref="Port"/>: a test may stop it to play a mail server that is down.</summary>
    public async Task StartAsync()
    {
        string[] arguments = ["-m", "aiosmtpd", "-n", "-u", "-l", $"{Host}:{Port}", "-c", "refusing_mailbox.RefusingMailbox", Maildir];
        CommandLine = Python + " " + string.Join(' ', arguments);
        var start = new ProcessStartInfo(Python, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONPATH"] = AppContext.BaseDirectory; // refusing_mailbox.py is copied there
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {CommandLine}");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        for (var attempt = 1; attempt <= ConnectAttempts; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"'{CommandLine}' exited with code {_process.ExitCode} before listening.");
            }

            if (await AcceptsConnectionsAsync())
            {
                return;
            }

            await Task.Delay(ConnectRetryInterval);
        }

        throw new InvalidOperationException($"'{CommandLine}' did not accept connections after {ConnectAttempts} attempts.");
    }

    /// <summary>Stops the server; mail sent meanwhile finds nobody listening on <see cref="Port"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
        _process = null;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();

        if (Directory.Exists(Maildir))
        {
            Directory.Delete(Maildir, recursive: true);
        }
    }

    /// <summary>Skips the calling test when the server is unavailable, or fails it on CI.</summary>
    public void RequireAvailable()
    {
        if (UnavailableReason is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("CI=true, so the SMTP tests must run: " + UnavailableReason);
        }

        Skip.If(true, UnavailableReason);
    }

    /// <summary>The raw messages received so far (aiosmtpd answers 250 only after storing one).</summary>
    public IReadOnlyList<byte[]> ReceivedMessages()
    {
        var delivered = Path.Combine(Maildir, "new");
        return Directory.Exists(delivered)
            ? [.. Directory.GetFiles(delivered).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)]
            : [];
    }

    /// <summary>Waits up to <paramref name="limit"/> for a message to <paramref name="recipient"/> and answers its raw text.</summary>
    public async Task<string> WaitForMessageToAsync(string recipient, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var match = ReceivedMessages().Select(m => Encoding.UTF8.GetString(m)).FirstOrDefault(m => m.Contains(recipient, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"The SMTP server received no mail to {recipient} within {limit.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(string file, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var error = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, error);
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(Host, Port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
