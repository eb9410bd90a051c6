using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Infrastructure.Persistence;

namespace Users.Api.IntegrationTests.Sessions;

/// <summary>A superuser lists and ends anyone's sessions; nobody else may; unknown users and foreign sessions are 404.</summary>
public abstract class SuperuserSessionTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task ASuperuser_ListsAUsersSessions_AndEndsOne_WhoseTokenThenFails()
    {
        var (_, admin) = await CreateUserAsync(superuser: true);
        var (user, userClient) = await CreateUserAsync();

        var listed = await admin.GetAsync($"/users/{user.Id}/sessions");
        var session = Assert.Single((await listed.JsonAsync()).EnumerateArray());
        var ended = await admin.DeleteAsync($"/users/{user.Id:N}/sessions/{session.GetProperty("id").GetString()!.ToUpperInvariant()}");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.False(session.GetProperty("current").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        await (await userClient.GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
        Assert.Empty((await (await admin.GetAsync($"/users/{user.Id}/sessions")).JsonAsync()).EnumerateArray());
    }

    [SkippableFact]
    public async Task UnknownUsers_AndSessionsOfAnotherUser_Are404()
    {
        var (_, admin) = await CreateUserAsync(superuser: true);
        var (user, _) = await CreateUserAsync();
        var (other, otherClient) = await CreateUserAsync();
        var othersSession = Assert.Single((await (await admin.GetAsync($"/users/{other.Id}/sessions")).JsonAsync()).EnumerateArray()).GetProperty("id").GetString();

        await (await admin.GetAsync($"/users/{Guid.NewGuid()}/sessions")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
        await (await admin.GetAsync("/users/not-a-user/sessions")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
        await (await admin.DeleteAsync($"/users/{user.Id}/sessions/{othersSession}")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
        await (await admin.DeleteAsync($"/users/{user.Id}/sessions/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
        await (await admin.DeleteAsync($"/users/{user.Id}/sessions/nope")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
        Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync("/users/me")).StatusCode);
    }

    [SkippableFact]
    public async Task OnlySuperusers_MayUseTheseRoutes()
    {
        var (user, client) = await CreateUserAsync();
        var session = Guid.NewGuid();

        await (await client.GetAsync($"/users/{user.Id}/sessions")).AssertProblemAsync(HttpStatusCode.Forbidden, "Forbidden");
        await (await client.DeleteAsync($"/users/{user.Id}/sessions/{session}")).AssertProblemAsync(HttpStatusCode.Forbidden, "Forbidden");
        await (await Anonymous().GetAsync($"/users/{user.Id}/sessions")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
        await (await Anonymous().DeleteAsync($"/users/{user.Id}/sessions/{session}")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task DeletingAUser_DeletesItsSessions()
    {
        var (_, admin) = await CreateUserAsync(superuser: true);
        var (user, _) = await CreateUserAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/users/{user.Id}")).StatusCode);

        var remaining = await Factory.InScopeAsync(sp => sp.GetRequiredService<UsersDbContext>().Sessions.CountAsync(s => s.UserId == user.Id));
        Assert.Equal(0, remaining);
    }
}

public sealed class SuperuserSessionSqliteTests(SqliteApiFixture fixture) : SuperuserSessionTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class SuperuserSessionPostgresTests(PostgresApiFixture fixture) : SuperuserSessionTests(fixture), IClassFixture<PostgresApiFixture>;
