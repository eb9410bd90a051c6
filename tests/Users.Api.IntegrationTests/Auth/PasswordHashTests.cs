using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Infrastructure.Persistence;
using Users.TestSupport;

namespace Users.Api.IntegrationTests.Auth;

public abstract class PasswordHashTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string CurrentProfile = "$argon2id$v=19$m=64,t=1,p=1$"; // the suite's Argon2id cost

    [SkippableFact]
    public async Task Registration_StoresAnArgon2idHash_AtTheConfiguredCost()
    {
        var (user, _) = await CreateUserAsync();

        Assert.StartsWith(CurrentProfile, await StoredHashAsync(Factory, user.Id), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Login_AfterTheHashingCostWasRaised_RehashesTheStoredPasswordAndKeepsTokensValid()
    {
        var (user, client) = await CreateUserAsync();
        await using var stronger = Factory.WithWebHostBuilder(b => b.UseSetting("Auth:PasswordHashing:Argon2:Iterations", "2"));

        var login = await LoginAsync(stronger, user.Email, GoodPassword);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.StartsWith("$argon2id$v=19$m=64,t=2,p=1$", await StoredHashAsync(Factory, user.Id), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(user.Email)).StatusCode);
    }

    // What a FastAPI Users deployment holds (argon2-cffi since 13, passlib's bcrypt before), and our own former default.
    [SkippableTheory]
    [InlineData("$argon2id$v=19$m=65536,t=3,p=4$")]
    [InlineData("$argon2id$v=19$m=102400,t=2,p=8$")]
    [InlineData("$2b$12$")]
    [InlineData("$2a$05$")]
    [InlineData("$2y$05$")]
    public async Task Login_WithAStoredFastApiUsersHash_Succeeds_AndReHashesToTheCurrentDefault(string profile)
    {
        var vector = PasswordHashVectors.Starting(profile).First();
        await LoginWithStoredHashAsync(vector.Hash, vector.Password);
    }

    [SkippableFact]
    public async Task Login_WithAStoredPbkdf2HashOfTheFormerDefault_Succeeds_AndReHashesToArgon2id()
    {
        await using var formerDefault = Factory.WithWebHostBuilder(b => b.UseSetting("Auth:PasswordHashing:Algorithm", "sha256"));
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await formerDefault.CreateClient().PostAsync("/auth/register", Json(new { email, password = GoodPassword }))).StatusCode);
        var hash = await Factory.InScopeAsync(sp => sp.GetRequiredService<UsersDbContext>().Users.AsNoTracking()
            .Where(u => u.Email == email).Select(u => u.HashedPassword).SingleAsync());
        Assert.StartsWith("$pbkdf2-sha256$i=1000$", hash, StringComparison.Ordinal);

        await LoginWithStoredHashAsync(hash, GoodPassword);
    }

    [SkippableFact]
    public async Task Login_WithAStoredHashInAnUnknownFormat_Returns400BadCredentials()
    {
        var (user, _) = await CreateUserAsync();
        await SetStoredHashAsync(user.Id, "md5:5f4dcc3b5aa765d61d8327deb882cf99");

        var response = await LoginAsync(user.Email);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "LOGIN_BAD_CREDENTIALS");
    }

    [SkippableFact]
    public async Task Logins_BeyondTheHashingQueue_Get503WithRetryAfter_NeverA500_AndTheServiceRecovers()
    {
        // One slot, no queue, and a cost that keeps the slot busy for a while: simultaneous logins must be refused.
        await using var narrow = Factory.WithWebHostBuilder(b => b
            .UseSetting("Auth:PasswordHashing:MaxConcurrent", "1")
            .UseSetting("Auth:PasswordHashing:QueueLimit", "0")
            .UseSetting("Auth:PasswordHashing:Argon2:MemoryKiB", "32768")
            .UseSetting("Auth:PasswordHashing:Argon2:Iterations", "3")
            .UseSetting("Auth:Lockout:MaxFailures", "100"));
        var email = NewEmail();
        var client = narrow.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/auth/register", Json(new { email, password = GoodPassword }))).StatusCode);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.PostAsync("/auth/jwt/login", LoginForm(email))));

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(refused);
        foreach (var answer in refused)
        {
            Assert.True(int.Parse(Assert.Single(answer.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            await answer.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "Service Unavailable");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/auth/jwt/login", LoginForm(email))).StatusCode);
    }

    private async Task LoginWithStoredHashAsync(string hash, string password)
    {
        var (user, _) = await CreateUserAsync();
        await SetStoredHashAsync(user.Id, hash);

        await (await LoginAsync(user.Email, password + "x")).AssertProblemAsync(HttpStatusCode.BadRequest, "LOGIN_BAD_CREDENTIALS");
        Assert.Equal(hash, await StoredHashAsync(Factory, user.Id)); // a failure changes nothing
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(user.Email, password)).StatusCode);

        var rehashed = await StoredHashAsync(Factory, user.Id);
        Assert.StartsWith(CurrentProfile, rehashed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(user.Email, password)).StatusCode);
        Assert.Equal(rehashed, await StoredHashAsync(Factory, user.Id)); // up to date now: not hashed again
    }

    private Task<int> SetStoredHashAsync(Guid id, string hash) =>
        Factory.InScopeAsync(sp => sp.GetRequiredService<UsersDbContext>().Users
            .Where(u => u.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.HashedPassword, hash)));

    private static Task<string> StoredHashAsync(UsersApiFactory factory, Guid id) =>
        factory.InScopeAsync(sp => sp.GetRequiredService<UsersDbContext>().Users.AsNoTracking()
            .Where(u => u.Id == id).Select(u => u.HashedPassword).SingleAsync());
}

public sealed class PasswordHashSqliteTests(SqliteApiFixture fixture) : PasswordHashTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PasswordHashPostgresTests(PostgresApiFixture fixture) : PasswordHashTests(fixture), IClassFixture<PostgresApiFixture>;
