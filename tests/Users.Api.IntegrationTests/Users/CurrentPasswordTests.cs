using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Users;

/// <summary><c>Auth:RequireCurrentPassword</c> over HTTP: off by default (FastAPI Users clients do not send it), and when on,
/// a new password or address through <c>PATCH /users/me</c> needs <c>current_password</c>.</summary>
public abstract class CurrentPasswordTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task ByDefault_PatchMe_NeedsNoCurrentPassword()
    {
        var (_, client) = await CreateUserAsync();

        var response = await client.PatchAsync("/users/me", Json(new { password = "Second-Passphrase-22" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task WhenRequired_AMissingOrWrongCurrentPassword_Is400_AndChangesNothing()
    {
        await using var required = Required();
        var (user, _) = await CreateUserAsync();
        var client = WithToken(required, await TokenAsync(user.Email));

        var missing = await client.PatchAsync("/users/me", Json(new { password = "Second-Passphrase-22" }));
        var wrong = await client.PatchAsync("/users/me", Json(new { email = NewEmail("moved"), current_password = "Not-My-Passphrase-1" }));

        await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "UPDATE_USER_BAD_CURRENT_PASSWORD");
        await wrong.AssertProblemAsync(HttpStatusCode.BadRequest, "UPDATE_USER_BAD_CURRENT_PASSWORD");
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(user.Email)).StatusCode);
    }

    [SkippableFact]
    public async Task WhenRequired_TheRightCurrentPassword_Changes_AndOtherFieldsNeedNone()
    {
        await using var required = Required();
        var (user, _) = await CreateUserAsync();
        var client = WithToken(required, await TokenAsync(user.Email));
        var email = NewEmail("moved");

        var recased = await client.PatchAsync("/users/me", Json(new { email = user.Email.ToUpperInvariant() }));
        var changed = await client.PatchAsync("/users/me", Json(new { email, password = "Second-Passphrase-22", current_password = GoodPassword }));

        Assert.Equal(HttpStatusCode.OK, recased.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, "Second-Passphrase-22")).StatusCode);
    }

    private WebApplicationFactory<Program> Required() =>
        Factory.WithWebHostBuilder(b => b.UseSetting("Auth:RequireCurrentPassword", "true"));
}

public sealed class CurrentPasswordSqliteTests(SqliteApiFixture fixture) : CurrentPasswordTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class CurrentPasswordPostgresTests(PostgresApiFixture fixture) : CurrentPasswordTests(fixture), IClassFixture<PostgresApiFixture>;
