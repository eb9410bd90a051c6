using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Infrastructure.Persistence;

namespace Users.Api.IntegrationTests.Auth;

public abstract class PasswordHashTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task Login_AfterTheHashingCostWasRaised_RehashesTheStoredPasswordAndKeepsTokensValid()
    {
        var (user, client) = await CreateUserAsync();
        Assert.StartsWith("$pbkdf2-sha256$i=1000$", await StoredHashAsync(Factory, user.Id), StringComparison.Ordinal);
        await using var stronger = Factory.WithWebHostBuilder(b => b.UseSetting("Auth:PasswordHashing:Iterations", "2000"));

        var login = await stronger.CreateClient().PostAsync("/auth/jwt/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = user.Email,
            ["password"] = GoodPassword,
        }));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.StartsWith("$pbkdf2-sha256$i=2000$", await StoredHashAsync(Factory, user.Id), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(user.Email)).StatusCode);
    }

    [SkippableFact]
    public async Task Login_WithAStoredHashInAnUnknownFormat_Returns400BadCredentials()
    {
        var (user, _) = await CreateUserAsync();
        await Factory.InScopeAsync(sp => sp.GetRequiredService<UsersDbContext>().Users
            .Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.HashedPassword, "md5:5f4dcc3b5aa765d61d8327deb882cf99")));

        var response = await LoginAsync(user.Email);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "LOGIN_BAD_CREDENTIALS");
    }

    private static Task<string> StoredHashAsync(UsersApiFactory factory, Guid id) =>
        factory.InScopeAsync(sp => sp.GetRequiredService<UsersDbContext>().Users.AsNoTracking()
            .Where(u => u.Id == id).Select(u => u.HashedPassword).SingleAsync());
}

public sealed class PasswordHashSqliteTests(SqliteApiFixture fixture) : PasswordHashTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PasswordHashPostgresTests(PostgresApiFixture fixture) : PasswordHashTests(fixture), IClassFixture<PostgresApiFixture>;
