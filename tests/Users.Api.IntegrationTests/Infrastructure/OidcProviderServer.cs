using System.Diagnostics;
using System.Text.Json;

namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider (the certified <c>oidc-provider</c> npm package, run by <c>tests/oidc-provider/provider.mjs</c>)
/// on a free loopback port, for one test class: discovery, keys, authorization with its own login and consent pages,
/// token and user-info endpoints, PKCE required. Installs its packages with <c>npm ci</c> when they are missing. A
/// detached watchdog stops it if the test process dies first. Unavailable (the tests skip, except under <c>CI=true</c>)
/// without Node.js and npm.
/// </summary>
public sealed class OidcProviderServer : IAsyncLifetime
{
    /// <summary>The client whose secret goes in a Basic header (oidc-provider's default), for the OpenID Connect providers.</summary>
    public const string BasicClientId = "users-basic";

    /// <summary>The client whose secret goes in the form, for the plain OAuth2 provider (GitHub's way).</summary>
    public const string PostClientId = "users-post";

    public const string ClientSecret = "users-client-secret-for-tests-only";

    private static readonly string ProviderDirectory = Path.Combine(RepositoryRoot(), "tests", "oidc-provider");

    private Process? _server;

    /// <summary>The provider's issuer (its discovery document is at <c>/.well-known/openid-configuration</c>).</summary>
    public string Issuer { get; private set; } = string.Empty;

    public string? UnavailableReason { get; private set; }

    /// <summary>Every redirect URI the test service may use: <c>http://localhost</c> (the test server) plus each route.</summary>
    public static IEnumerable<string> RedirectUris(params string[] providers) =>
        providers.SelectMany(p => new[] { $"http://localhost/auth/{p}/callback", $"http://localhost/auth/associate/{p}/callback" });

    public async Task InitializeAsync()
    {
        if (!OnPath("node") || !OnPath("npm"))
        {
            UnavailableReason = "OAuth tests need Node.js and npm on the PATH (the image has Node 20); they run the oidc-provider package.";
            return;
        }

        if (!Directory.Exists(Path.Combine(ProviderDirectory, "node_modules", "oidc-provider")))
        {
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(3));
        }

        var port = TestServerProcesses.FreePort();
        Issuer = $"http://127.0.0.1:{port}";
        var redirects = RedirectUris("oidc", "strict", "plain", "web", "linking").ToArray();
        var clients = JsonSerializer.Serialize(new object[]
        {
            Client(BasicClientId, "client_secret_basic", redirects),
            Client(PostClientId, "client_secret_post", redirects),
        });
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ProviderDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["OIDC_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["OIDC_CLIENTS"] = clients },
        };
        start.ArgumentList.Add("provider.mjs");
        _server = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _server.ErrorDataReceived += (_, _) => { }; // its development warnings
        _server.BeginErrorReadLine();
        TestServerProcesses.StartWatchdog(_server.Id);
        var ready = await _server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready is null || !ready.StartsWith("READY ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The OpenID Connect provider did not start: {ready}");
        }
    }

    public void SkipIfUnavailable()
    {
        if (UnavailableReason is not null && PostgresServer.MustRun)
        {
            throw new InvalidOperationException(UnavailableReason + " CI must run these tests.");
        }

        Skip.If(UnavailableReason is not null, UnavailableReason);
    }

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _server?.Dispose();
        return Task.CompletedTask;
    }

    private static Dictionary<string, object> Client(string id, string authentication, string[] redirects) => new()
    {
        ["client_id"] = id,
        ["client_secret"] = ClientSecret,
        ["redirect_uris"] = redirects,
        ["token_endpoint_auth_method"] = authentication,
        ["grant_types"] = new[] { "authorization_code" },
        ["response_types"] = new[] { "code" },
    };

    private static async Task RunAsync(string program, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = ProviderDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardError.ReadToEndAsync();
        _ = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}");
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(d => File.Exists(Path.Combine(d, program)));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Users.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Users.sln not found above " + AppContext.BaseDirectory);
    }
}
