using System.Diagnostics;

namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>Runs the service's command line as a real process, the way an operator would, in the Production environment.</summary>
public static class CommandLineProcess
{
    public const string Secret = "command-line-tests-secret-0123456789-abcdefgh";

    /// <summary>
    /// Runs <c>Users.Api.dll</c> with <paramref name="args"/> against <paramref name="connectionString"/> (SQLite unless
    /// <paramref name="extra"/> says otherwise), with the suite's cheap hashing, and returns its exit code and output.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string[] args,
        string connectionString,
        string? stdin = null,
        string? secret = Secret,
        Dictionary<string, string>? extra = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Users.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Users"] = connectionString;
        start.Environment["Auth__PasswordHashing__Iterations"] = "1000";
        start.Environment["Auth__PasswordHashing__Argon2__MemoryKiB"] = "64";
        start.Environment["Auth__PasswordHashing__Argon2__Iterations"] = "1";
        start.Environment.Remove("Auth__Secret");
        if (secret is not null)
        {
            start.Environment["Auth__Secret"] = secret;
        }

        foreach (var (key, value) in extra ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
