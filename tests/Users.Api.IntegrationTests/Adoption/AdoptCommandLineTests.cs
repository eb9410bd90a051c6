using System.Text.Json;
using Users.Api.IntegrationTests.Infrastructure;
using Users.TestSupport;

namespace Users.Api.IntegrationTests.Adoption;

/// <summary><c>adopt-fastapi-users</c> run as a process: arguments, the JSON line, progress on standard error, exit codes.</summary>
public sealed class AdoptCommandLineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("users-adopt-").FullName;

    private string Ours => $"Data Source={Path.Combine(_directory, "users.db")}";

    [Fact]
    public async Task Adopt_PrintsOneJsonSummaryLine_AndProgressOnStandardError_AndExits0()
    {
        var deployment = await FastApiUsersDeployment.CreateAsync(DatabaseProvider.Sqlite);
        await deployment.AddBulkUsersAsync(25, PasswordHashVectors.Starting("$2b$04$").First().Hash);

        var (exitCode, output, error) = await RunAsync("adopt-fastapi-users", "--from", deployment.ConnectionString, "--from-provider", "sqlite");

        Assert.True(exitCode == 0, error);
        var summary = JsonDocument.Parse(Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        Assert.Equal(25, summary.GetProperty("users").GetProperty("imported").GetInt32());
        Assert.Equal(0, summary.GetProperty("oauth_accounts").GetProperty("read").GetInt32());
        Assert.Equal(0, summary.GetProperty("access_tokens").GetProperty("skipped").GetInt32());
        Assert.Equal(0, summary.GetProperty("problems").GetArrayLength());
        Assert.False(summary.GetProperty("dry_run").GetBoolean());
        Assert.Contains("reading users: 25 of 25 (100%)", error, StringComparison.Ordinal);
        Assert.Contains("writing users: 25 of 25 (100%)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adopt_WithSkippedRows_ListsThemAndExits3_AndADryRunSaysSoToo()
    {
        var deployment = await FastApiUsersDeployment.CreateAsync(DatabaseProvider.Sqlite);
        var hash = PasswordHashVectors.Starting("$2b$04$").First().Hash;
        await deployment.AddUserAsync(Guid.NewGuid(), "Twin@example.com", hash);
        await deployment.AddUserAsync(Guid.NewGuid(), "twin@example.com", hash);

        var dry = await RunAsync(["adopt-fastapi-users", "--from-stdin", "--from-provider", "Sqlite", "--dry-run"], deployment.ConnectionString + "\n");
        var (exitCode, output, error) = await RunAsync(["adopt-fastapi-users", "--from-stdin", "--from-provider", "Sqlite"], deployment.ConnectionString + "\n");

        Assert.True(dry.ExitCode == 3, dry.Error);
        Assert.True(JsonDocument.Parse(dry.Output).RootElement.GetProperty("dry_run").GetBoolean());
        Assert.True(exitCode == 3, error);
        var problems = JsonDocument.Parse(output).RootElement.GetProperty("problems");
        Assert.Equal(2, problems.GetArrayLength());
        Assert.All(problems.EnumerateArray(), p => Assert.Equal("email_collision", p.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Adopt_WithoutTheUserTable_NamesIt_AndExits1()
    {
        var deployment = await FastApiUsersDeployment.CreateAsync(DatabaseProvider.Sqlite);

        var (exitCode, output, error) = await RunAsync(
            "adopt-fastapi-users", "--from", deployment.ConnectionString, "--from-provider", "Sqlite", "--user-table", "members");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Contains("no table 'members'", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adopt_FromASqliteFileThatDoesNotExist_Exits1_AndDoesNotCreateIt()
    {
        var missing = Path.Combine(_directory, "no-such-fastapi.db");

        var (exitCode, _, error) = await RunAsync("adopt-fastapi-users", "--from", $"Data Source={missing}", "--from-provider", "Sqlite");

        Assert.Equal(1, exitCode);
        Assert.Contains("Cannot open the FastAPI Users database (Sqlite)", error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Theory]
    [InlineData("--from-provider", "Oracle")]
    [InlineData("--user-table", "user; DROP TABLE users")]
    public async Task Adopt_WithAnUnsupportedProviderOrABadTableName_Exits1_WithTheReason(string option, string value)
    {
        var deployment = await FastApiUsersDeployment.CreateAsync(DatabaseProvider.Sqlite);
        var args = new List<string> { "adopt-fastapi-users", "--from", deployment.ConnectionString, "--from-provider", "Sqlite" };
        args.AddRange([option, value]);

        var (exitCode, _, error) = await RunAsync([.. args]);

        Assert.Equal(1, exitCode);
        Assert.Contains(option == "--from-provider" ? "must be 'Postgres' or 'Sqlite'" : "is not a table name", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adopt_WithoutArguments_PrintsUsage_AndExits2()
    {
        var (exitCode, _, error) = await RunAsync("adopt-fastapi-users");

        Assert.Equal(2, exitCode);
        Assert.Contains("--from (or --from-stdin) is required", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp directory
        }
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunAsync(args, null);

    private Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, string? stdin) =>
        CommandLineProcess.RunAsync(args, Ours, stdin);
}
