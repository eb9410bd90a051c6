using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The service as a real process (<c>dotnet Users.Api.dll</c>, Production environment) on a loopback port of its own,
/// for tests that kill it (<c>kill -9</c>), stop it with SIGTERM, or run several over one database. Migrates on start,
/// hashes cheaply as the rest of the suite does, and keeps its output for failure messages.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public const string Secret = CommandLineProcess.Secret; // the same: tokens of either work with both

    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    /// <summary>What the process wrote so far (standard output and error).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServiceProcess> StartAsync(
        DatabaseProvider provider, string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = TestServerProcesses.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Users.Api.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        start.Environment["Database__Provider"] = provider.ToString();
        start.Environment["Database__MigrateOnStartup"] = "true";
        start.Environment["ConnectionStrings__Users"] = connectionString;
        start.Environment["Auth__Secret"] = Secret;
        start.Environment["Auth__PasswordHashing__Iterations"] = "1000";
        start.Environment["Auth__PasswordHashing__Argon2__MemoryKiB"] = "64";
        start.Environment["Auth__PasswordHashing__Argon2__Iterations"] = "1";
        start.Environment["RateLimiting__Enabled"] = "false";
        start.Environment["Email__PublicBaseUrl"] = "https://users.example.com";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the service process.");
        TestServerProcesses.StartWatchdog(process.Id);
        var service = new ServiceProcess(process, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")));
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await service.WaitUntilReadyAsync();
        return service;
    }

    /// <summary>How many times the output holds <paramref name="fragment"/> so far.</summary>
    public int CountInOutput(string fragment) => Output.Split(fragment).Length - 1;

    /// <summary>Waits until the output holds <paramref name="fragment"/> more than <paramref name="after"/> times.</summary>
    public async Task WaitForOutputAsync(string fragment, TimeSpan limit, int after = 0)
    {
        var deadline = DateTime.UtcNow + limit;
        while (CountInOutput(fragment) <= after)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"The service wrote no line with '{fragment}' within {limit.TotalSeconds} s. Output:\n{Output}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary><c>kill -9</c>: no shutdown code runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Sends SIGTERM (what an orchestrator sends) and answers the exit code, once the process has exited.</summary>
    public async Task<int> TerminateAsync(TimeSpan limit)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The service did not exit within {limit.TotalSeconds} s of SIGTERM. Output:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + ReadyLimit;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode} before it was ready. Output:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The service was not ready within {ReadyLimit.TotalSeconds} s. Output:\n{Output}");
    }
}
