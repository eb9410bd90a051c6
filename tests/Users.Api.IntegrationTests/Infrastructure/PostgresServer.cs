using System.Diagnostics;
using Npgsql;

namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL server the PostgreSQL fixtures use, one per test run: the server named by
/// <c>USERS_TEST_POSTGRES</c> (a connection string) when set; otherwise a throwaway cluster started from the
/// local PostgreSQL binaries (stopped when the test process exits); otherwise unavailable, with the reason.
/// </summary>
public static class PostgresServer
{
    internal static readonly string BinariesDirectory =
        Environment.GetEnvironmentVariable("USERS_TEST_POSTGRES_BIN") is { Length: > 0 } custom ? custom : "/usr/lib/postgresql/15/bin";
    private const string ClusterPrefix = "users-pg-";
    private static readonly Lazy<(string? ConnectionString, string? Unavailable)> Server = new(Start, isThreadSafe: true);

    /// <summary>A connection string to the server's maintenance database, or <c>null</c> when there is no server.</summary>
    public static string? ConnectionString => Server.Value.ConnectionString;

    /// <summary>Why there is no server (only when <see cref="ConnectionString"/> is <c>null</c>).</summary>
    public static string? UnavailableReason => Server.Value.Unavailable;

    /// <summary>CI must prove PostgreSQL, never skip it.</summary>
    public static bool MustRun => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = ConnectionString ?? throw new InvalidOperationException(UnavailableReason);
        var name = $"users_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static (string?, string?) Start()
    {
        var configured = Environment.GetEnvironmentVariable("USERS_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (configured, null);
        }

        if (!File.Exists(Path.Combine(BinariesDirectory, "initdb")))
        {
            return (null, $"PostgreSQL tests need USERS_TEST_POSTGRES (a connection string) or PostgreSQL binaries in {BinariesDirectory} (USERS_TEST_POSTGRES_BIN).");
        }

        try
        {
            return (StartThrowawayCluster(), null);
        }
        catch (InvalidOperationException e)
        {
            return (null, $"Could not start a throwaway PostgreSQL cluster: {e.Message}");
        }
    }

    private static string StartThrowawayCluster()
    {
        var asRoot = Environment.UserName == "root";
        ReapAbandonedClusters(asRoot);
        var directory = Directory.CreateTempSubdirectory(ClusterPrefix).FullName;
        if (asRoot)
        {
            Run("chown", ["postgres:postgres", directory], directory, asPostgres: false);
        }

        var port = TestServerProcesses.FreePort();
        var data = Path.Combine(directory, "data");
        Run(Path.Combine(BinariesDirectory, "initdb"),
            ["-D", data, "-U", "users", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], directory, asRoot);
        var serverOptions = $"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={directory} "
            + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        Run(Path.Combine(BinariesDirectory, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "-o", serverOptions, "start"], directory, asRoot);
        StartWatchdog(directory, data, asRoot);
        return $"Host=127.0.0.1;Port={port};Database=postgres;Username=users;Pooling=true;Maximum Pool Size=50";
    }

    /// <summary>
    /// Stops and removes the cluster once this test process is gone, however it ends: the test host is often
    /// killed before exit handlers run. The watchdog is a detached shell (<c>setsid -f</c>) so that killing the
    /// test process tree does not take it along.
    /// </summary>
    internal static void StartWatchdog(string directory, string data, bool asRoot)
    {
        var stop = $"{(asRoot ? "runuser -u postgres -- " : string.Empty)}{BinariesDirectory}/pg_ctl -D '{data}' -m immediate -w stop";
        var script = $"cd /tmp; while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf '{directory}'";
        var start = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-f", "bash", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }

        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("setsid did not start");
        watchdog.WaitForExit(TimeSpan.FromSeconds(10));
    }

    private static void StopCluster(string directory, bool asRoot)
    {
        try
        {
            if (File.Exists(Path.Combine(directory, "data", "postmaster.pid")))
            {
                Run(Path.Combine(BinariesDirectory, "pg_ctl"), ["-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop"], "/tmp", asRoot);
            }

            Directory.Delete(directory, recursive: true);
        }
        catch (Exception)
        {
            // Best effort at process exit: nothing can be reported anymore.
            // A cluster left behind is stopped and removed by the next run's ReapAbandonedClusters.
        }
    }

    /// <summary>
    /// A test process that is killed never runs its exit handler; its cluster is stopped here by a later run.
    /// Only clusters older than half an hour are touched, so a test run going on in parallel keeps its own.
    /// </summary>
    private static void ReapAbandonedClusters(bool asRoot)
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), ClusterPrefix + "*"))
        {
            if (Directory.GetCreationTimeUtc(directory) < DateTime.UtcNow.AddMinutes(-30))
            {
                StopCluster(directory, asRoot);
            }
        }
    }

    internal static void Run(string file, string[] arguments, string workingDirectory, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(file)} timed out");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}: {error.Result}{output.Result}");
        }
    }
}
