using System.Net;
using System.Net.Http.Headers;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Users;

/// <summary>The flow a FastAPI Users client runs, step by step, as one story.</summary>
public abstract class FastApiClientFlowTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task RegisterLoginReadUpdateThenAdministrate_WorksAsAgainstFastApiUsers()
    {
        var email = NewEmail("flow");
        var client = Anonymous();

        var registered = await client.PostAsync("/auth/register", Json(new { email, password = GoodPassword }));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await registered.JsonAsync()).GetProperty("id").GetString();

        var login = await client.PostAsync("/auth/jwt/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = email,
            ["password"] = GoodPassword,
        }));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.JsonAsync()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var me = await client.GetAsync("/users/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(id, (await me.JsonAsync()).GetProperty("id").GetString());

        var newEmail = NewEmail("flow-new");
        var patched = await client.PatchAsync("/users/me", Json(new { email = newEmail }));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(newEmail, (await patched.JsonAsync()).GetProperty("email").GetString());

        var (_, admin) = await CreateUserAsync(superuser: true);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/users/{id}")).StatusCode);
        var promoted = await admin.PatchAsync($"/users/{id}", Json(new { is_superuser = true }));
        Assert.True((await promoted.JsonAsync()).GetProperty("is_superuser").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/users/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/users/me")).StatusCode);
    }
}

public sealed class FastApiClientFlowSqliteTests(SqliteApiFixture fixture) : FastApiClientFlowTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class FastApiClientFlowPostgresTests(PostgresApiFixture fixture) : FastApiClientFlowTests(fixture), IClassFixture<PostgresApiFixture>;
