using System.Text.Json;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Platform;

/// <summary>The service's command line, run as a real process the way an operator would.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("users-cli-").FullName;

    [Fact]
    public async Task CreateUser_WithFlags_PrintsTheUserAsOneJsonLine()
    {
        var (exitCode, output, error) = await RunAsync("create-user", "--email", "Root@Example.COM", "--password", "Admin-Passphrase-77", "--superuser", "--verified");

        Assert.True(exitCode == 0, error);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var user = JsonDocument.Parse(line).RootElement;
        Assert.Equal("Root@example.com", user.GetProperty("email").GetString());
        Assert.True(user.GetProperty("is_superuser").GetBoolean());
        Assert.True(user.GetProperty("is_verified").GetBoolean());
        Assert.True(user.GetProperty("is_active").GetBoolean());
    }

    [Fact]
    public async Task CreateUser_WithPasswordFromStandardInput_Works()
    {
        var (exitCode, output, error) = await RunAsync(["create-user", "--email", "stdin@example.com", "--password-stdin", "--inactive"], stdin: "Stdin-Passphrase-88\n");

        Assert.True(exitCode == 0, error);
        Assert.False(JsonDocument.Parse(output).RootElement.GetProperty("is_active").GetBoolean());
    }

    [Fact]
    public async Task CreateUser_WithAControlCharacterInThePassword_IsRefusedByThePolicySayingWhy()
    {
        var (exitCode, output, error) = await RunAsync(
            ["create-user", "--email", "control@example.com", "--password-stdin"], stdin: "Stdin-Pass\u0001phrase-88\n");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Contains("REGISTER_INVALID_PASSWORD", error, StringComparison.Ordinal);
        Assert.Contains("control characters", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_Twice_FailsTheSecondTimeWithAClearMessage()
    {
        await RunAsync("create-user", "--email", "twice@example.com", "--password", "Admin-Passphrase-77");

        var (exitCode, _, error) = await RunAsync("create-user", "--email", "TWICE@example.com", "--password", "Admin-Passphrase-77");

        Assert.Equal(1, exitCode);
        Assert.Contains("REGISTER_USER_ALREADY_EXISTS", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_WithWeakPassword_FailsWithThePolicysReason()
    {
        var (exitCode, _, error) = await RunAsync("create-user", "--email", "weak@example.com", "--password", "password");

        Assert.Equal(1, exitCode);
        Assert.Contains("REGISTER_INVALID_PASSWORD", error, StringComparison.Ordinal);
        Assert.Contains("common", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CreateUser_WithInvalidEmail_FailsWithTheReason()
    {
        var (exitCode, _, error) = await RunAsync("create-user", "--email", "not-an-email", "--password", "Admin-Passphrase-77");

        Assert.Equal(1, exitCode);
        Assert.Contains("email", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CreateUser_WithoutEmail_PrintsUsageAndExits2()
    {
        var (exitCode, _, error) = await RunAsync("create-user", "--password", "Admin-Passphrase-77");

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_AppliesMigrationsAndExits0()
    {
        var (exitCode, output, error) = await RunAsync("migrate");

        Assert.True(exitCode == 0, error);
        Assert.Contains("Migrations applied", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "users.db")));
    }

    [Fact]
    public async Task Startup_OutsideDevelopmentWithoutSecret_StopsWithAClearMessage()
    {
        var (exitCode, _, error) = await RunAsync(["migrate"], secret: null);

        Assert.Equal(1, exitCode);
        Assert.Contains("Auth:Secret", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_WithSeveralInvalidSettings_ListsEachOfThem()
    {
        var (exitCode, _, error) = await RunAsync(["migrate"], secret: "too-short", extra: new() { ["Database__Provider"] = "Oracle" });

        Assert.Equal(1, exitCode);
        Assert.Contains("Auth:Secret", error, StringComparison.Ordinal);
        Assert.Contains("Database:Provider", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_WithATrustedProxyThatIsNoAddress_NamesIt()
    {
        var (exitCode, _, error) = await RunAsync(["migrate"], extra: new() { ["ForwardedHeaders__TrustedProxies__0"] = "the-load-balancer" });

        Assert.Equal(1, exitCode);
        Assert.Contains("ForwardedHeaders:TrustedProxies entry 'the-load-balancer'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_WithBadLockoutAndRateLimitSettings_NamesThem()
    {
        var (exitCode, _, error) = await RunAsync(["migrate"], extra: new() { ["Auth__Lockout__MaxFailures"] = "1000", ["RateLimiting__Login"] = "0" });

        Assert.Equal(1, exitCode);
        Assert.Contains("Auth:Lockout:MaxFailures", error, StringComparison.Ordinal);
        Assert.Contains("RateLimiting:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_WithUnparsableSetting_NamesIt()
    {
        var (exitCode, _, error) = await RunAsync(["migrate"], extra: new() { ["Auth__RequireVerification"] = "maybe" });

        Assert.Equal(1, exitCode);
        Assert.Contains("Auth:RequireVerification", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_WithAnUnknownPasswordHashingAlgorithm_NamesTheSettingTheValueAndTheChoices()
    {
        var (exitCode, _, error) = await RunAsync(["migrate"], extra: new() { ["Auth__PasswordHashing__Algorithm"] = "md5" });

        Assert.Equal(1, exitCode);
        Assert.Contains("Auth:PasswordHashing:Algorithm is 'md5', which is not supported. Set it to 'argon2id', 'sha256' or 'sha512'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_WithAnOAuthProviderOnAnUnknownBackend_NamesTheSetting()
    {
        var (exitCode, _, error) = await RunAsync(["migrate"], extra: new()
        {
            ["OAuth__Providers__google__ClientId"] = "client",
            ["OAuth__Providers__google__Authority"] = "https://accounts.example.com",
            ["OAuth__Providers__google__Backend"] = "nosuch",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("OAuth:Providers:google:Backend is 'nosuch', which is not a configured backend (jwt, cookie).", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_WithARedisBackendButNoRedis_NamesTheSetting()
    {
        var (exitCode, _, error) = await RunAsync(["migrate"], extra: new()
        {
            ["Auth__Backends__0__Name"] = "redis",
            ["Auth__Backends__0__Transport"] = "Bearer",
            ["Auth__Backends__0__Strategy"] = "redis",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Auth:Backends:0:Strategy 'redis' needs Redis:Configuration", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunAsync(args, stdin: null);

    private Task<(int ExitCode, string Output, string Error)> RunAsync(
        string[] args,
        string? stdin = null,
        string? secret = CommandLineProcess.Secret,
        Dictionary<string, string>? extra = null) =>
        CommandLineProcess.RunAsync(args, $"Data Source={Path.Combine(_directory, "users.db")}", stdin, secret, extra);
}
