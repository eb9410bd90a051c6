using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The real service over a real database (SQLite file or PostgreSQL database of its own), migrated at start-up
/// as in production. Password hashing (Argon2id, as by default) runs at the lowest cost so the suite stays fast; everything else is the
/// production configuration.
/// </summary>
public sealed class UsersApiFactory(DatabaseProvider provider, string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string Secret = "integration-tests-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    /// <summary>Where this service writes its mail (each factory has its own directory).</summary>
    public PickupMailbox Mailbox { get; } = new(Directory.CreateTempSubdirectory("users-mail-").FullName);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Users", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Auth:Secret", Secret);
        builder.UseSetting("Auth:PasswordHashing:Iterations", "1000");
        builder.UseSetting("Auth:PasswordHashing:Argon2:MemoryKiB", "64");
        builder.UseSetting("Auth:PasswordHashing:Argon2:Iterations", "1");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Email:PickupDirectory", Mailbox.Directory);
        builder.UseSetting("Email:PublicBaseUrl", "https://users.example.com");
        // Off unless a test is about it: every test client comes from one address, and a class makes more requests
        // (and asks more mails for one address) than a client should in five minutes.
        builder.UseSetting("RateLimiting:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Runs <paramref name="action"/> with services from a fresh scope (database checks, direct commands).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }
}
