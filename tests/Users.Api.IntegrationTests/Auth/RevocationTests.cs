using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Infrastructure.Persistence;

namespace Users.Api.IntegrationTests.Auth;

/// <summary>
/// Tokens issued before a password change, a deactivation or "log out everywhere" stop working at once, for
/// both strategies (FastAPI Users' JWTs survive all of these); a deleted user's database tokens go with it.
/// </summary>
public abstract class RevocationTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task PasswordChange_RejectsEveryEarlierTokenAndDeletesDatabaseTokens()
    {
        var (user, jwt) = await CreateUserAsync();
        var cookie = await CookieClientAsync(user.Email);

        var change = await jwt.PatchAsync("/users/me", Json(new { password = "Changed-Passphrase-91" }));

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        await AssertRevokedAsync(jwt, cookie);
        Assert.Equal(0, await DatabaseTokensAsync(user.Id));
    }

    [SkippableFact]
    public async Task Deactivation_RejectsEveryEarlierToken()
    {
        var (user, jwt) = await CreateUserAsync();
        var cookie = await CookieClientAsync(user.Email);
        var (_, admin) = await CreateUserAsync(superuser: true);

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsync($"/users/{user.Id}", Json(new { is_active = false }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsync($"/users/{user.Id}", Json(new { is_active = true }))).StatusCode);

        await AssertRevokedAsync(jwt, cookie);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(user.Email)).StatusCode);
    }

    [SkippableFact]
    public async Task LogoutEverywhere_RejectsEveryEarlierTokenButNotLaterOnes()
    {
        var (user, jwt) = await CreateUserAsync();
        var cookie = await CookieClientAsync(user.Email);
        var secondJwt = WithToken(await TokenAsync(user.Email));

        var response = await jwt.PostAsync("/users/me/logout-all", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await AssertRevokedAsync(jwt, cookie, secondJwt);
        Assert.Equal(0, await DatabaseTokensAsync(user.Id));
        var fresh = WithToken(await TokenAsync(user.Email));
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/users/me")).StatusCode);
    }

    [SkippableFact]
    public async Task LogoutEverywhere_WithoutToken_Returns401()
    {
        await (await Anonymous().PostAsync("/users/me/logout-all", null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task DeletingAUser_DeletesItsDatabaseTokens()
    {
        var (user, _) = await CreateUserAsync();
        await CookieClientAsync(user.Email);
        var (_, admin) = await CreateUserAsync(superuser: true);
        Assert.Equal(1, await DatabaseTokensAsync(user.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/users/{user.Id}")).StatusCode);

        Assert.Equal(0, await DatabaseTokensAsync(user.Id));
    }

    private static async Task AssertRevokedAsync(params HttpClient[] clients)
    {
        foreach (var client in clients)
        {
            await (await client.GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
        }
    }

    private async Task<HttpClient> CookieClientAsync(string email)
    {
        var login = await Anonymous().PostAsync("/auth/cookie/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = email,
            ["password"] = GoodPassword,
        }));
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", login.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/users/me")).StatusCode);
        return client;
    }

    private Task<int> DatabaseTokensAsync(Guid userId) =>
        Factory.InScopeAsync(sp => sp.GetRequiredService<UsersDbContext>().Database
            .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM access_tokens WHERE user_id = {userId}").SingleAsync());
}

public sealed class RevocationSqliteTests(SqliteApiFixture fixture) : RevocationTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class RevocationPostgresTests(PostgresApiFixture fixture) : RevocationTests(fixture), IClassFixture<PostgresApiFixture>;
