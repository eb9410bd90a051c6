using System.Globalization;
using Npgsql;

namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of one test class's own, from the local binaries, that the test may stop (as a crash or an
/// outage) and start again on the same port. Runs as the <c>postgres</c> user when the tests run as root. Skips
/// (outside CI) or fails (CI) where there are no binaries.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private readonly bool _asRoot = Environment.UserName == "root";
    private string _directory = string.Empty;

    public int Port { get; private set; }

    /// <summary>Why there is no cluster here, or <c>null</c>.</summary>
    public string? UnavailableReason { get; private set; }

    private string Data => Path.Combine(_directory, "data");

    private static string PgCtl => Path.Combine(PostgresServer.BinariesDirectory, "pg_ctl");

    public Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(PostgresServer.BinariesDirectory, "initdb")))
        {
            UnavailableReason = $"PostgreSQL binaries are not in {PostgresServer.BinariesDirectory} (USERS_TEST_POSTGRES_BIN).";
            return Task.CompletedTask;
        }

        _directory = Directory.CreateTempSubdirectory("users-pg-own-").FullName;
        if (_asRoot)
        {
            PostgresServer.Run("chown", ["postgres:postgres", _directory], _directory, asPostgres: false);
        }

        Port = TestServerProcesses.FreePort();
        PostgresServer.Run(Path.Combine(PostgresServer.BinariesDirectory, "initdb"),
            ["-D", Data, "-U", "users", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], _directory, _asRoot);
        Start();
        PostgresServer.StartWatchdog(_directory, Data, _asRoot);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        if (UnavailableReason is null && _directory.Length > 0)
        {
            Stop(immediate: true);
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Skips the calling test without a cluster, or fails it on CI.</summary>
    public void RequireAvailable()
    {
        if (UnavailableReason is null)
        {
            return;
        }

        Assert.False(PostgresServer.MustRun, "CI=true, so the PostgreSQL tests must run: " + UnavailableReason);
        Skip.If(true, UnavailableReason);
    }

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Database={database};Username=users");

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"users_test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Starts the server (again) on <see cref="Port"/> and returns once it accepts connections.</summary>
    public void Start()
    {
        // synchronous_commit on (unlike the shared test server): a commit is in the WAL before it is answered, so a
        // commit survives an immediate stop (a server crash). fsync stays off: the OS keeps the WAL, the process dies.
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories={_directory} -c fsync=off -c synchronous_commit=on -c full_page_writes=off -c max_connections=100");
        PostgresServer.Run(PgCtl, ["-D", Data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "-o", options, "start"], _directory, _asRoot);
    }

    /// <summary>Stops the server: <c>fast</c> (an operator's stop) or <c>immediate</c> (as a crash does).</summary>
    public void Stop(bool immediate = false) =>
        PostgresServer.Run(PgCtl, ["-D", Data, "-m", immediate ? "immediate" : "fast", "-w", "stop"], _directory, _asRoot);
}
