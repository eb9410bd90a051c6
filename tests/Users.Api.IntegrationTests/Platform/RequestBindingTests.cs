using System.Net;
using System.Text.Json;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Platform;

/// <summary>
/// Each JSON body binds once into its request record: an absent member, an explicit <c>null</c> and a value are three
/// different things, wrong JSON types are named member by member, and every failure comes back in one 422 body.
/// </summary>
public abstract class RequestBindingTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task PatchUser_WithAnEmptyObject_ChangesNothing()
    {
        var (admin, user) = await AdminAndUserAsync();

        var response = await admin.PatchAsync($"/users/{user.Id}", Json("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpAssertions.AssertUserRead(await response.JsonAsync(), user.Email);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(user.Email)).StatusCode);
    }

    [SkippableFact]
    public async Task PatchUser_WithANullPassword_KeepsThePassword()
    {
        var (admin, user) = await AdminAndUserAsync();

        var response = await admin.PatchAsync($"/users/{user.Id}", Json("""{"password": null, "is_verified": true}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpAssertions.AssertUserRead(await response.JsonAsync(), user.Email, verified: true);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(user.Email)).StatusCode);
    }

    [SkippableFact]
    public async Task PatchUser_WithNullEmailAndFlags_Answers422NamingEach_InOrder_AndChangesNothing()
    {
        var (admin, user) = await AdminAndUserAsync();

        var response = await admin.PatchAsync(
            $"/users/{user.Id}", Json("""{"is_verified": null, "email": null, "is_superuser": null, "is_active": null}"""));

        var body = await response.AssertValidationAsync("string_type", "body", "email");
        Assert.Equal(
            ["email", "is_active", "is_superuser", "is_verified"],
            body.GetProperty("detail").EnumerateArray().Select(i => i.GetProperty("loc")[1].GetString()));
        Assert.All(body.GetProperty("detail").EnumerateArray(), i => Assert.Equal("Input should not be null", i.GetProperty("msg").GetString()));
        var stored = await (await admin.GetAsync($"/users/{user.Id}")).JsonAsync();
        HttpAssertions.AssertUserRead(stored, user.Email);
    }

    [SkippableFact]
    public async Task PatchUser_WithValues_AppliesEachMember()
    {
        var (admin, user) = await AdminAndUserAsync();
        var email = NewEmail("moved");

        var response = await admin.PatchAsync(
            $"/users/{user.Id}",
            Json(new { email, password = "Another-Passphrase-42", is_active = true, is_superuser = true, is_verified = true }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpAssertions.AssertUserRead(await response.JsonAsync(), email, superuser: true, verified: true);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, "Another-Passphrase-42")).StatusCode);
    }

    [SkippableFact]
    public async Task PatchUser_WithSeveralWrongJsonTypes_NamesEveryOne()
    {
        var (admin, user) = await AdminAndUserAsync();

        var response = await admin.PatchAsync(
            $"/users/{user.Id}", Json("""{"email": 1, "password": ["x"], "is_active": "yes", "is_verified": 0}"""));

        var body = await response.AssertValidationAsync("string_type", "body", "email");
        await response.AssertValidationAsync("string_type", "body", "password");
        await response.AssertValidationAsync("bool_type", "body", "is_active");
        await response.AssertValidationAsync("bool_type", "body", "is_verified");
        Assert.Equal(4, body.GetProperty("detail").GetArrayLength());
        Assert.Equal(
            ["email", "is_active", "is_verified", "password"],
            body.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task PatchMe_IgnoresFlags_WhetherValuesOrNull()
    {
        var (_, user) = await AdminAndUserAsync();
        var client = WithToken(await TokenAsync(user.Email));

        var values = await client.PatchAsync("/users/me", Json("""{"is_active": false, "is_superuser": true, "is_verified": true}"""));
        var nulls = await client.PatchAsync("/users/me", Json("""{"is_active": null, "is_superuser": null, "is_verified": null}"""));

        HttpAssertions.AssertUserRead(await values.JsonAsync(), user.Email);
        HttpAssertions.AssertUserRead(await nulls.JsonAsync(), user.Email);
    }

    [SkippableFact]
    public async Task Register_WithWrongJsonTypes_NamesEveryMember_AndWithMembersAbsent_NamesEveryMissingOne()
    {
        var wrong = await Anonymous().PostAsync("/auth/register", Json("""{"email": 5, "password": true}"""));
        var absent = await Anonymous().PostAsync("/auth/register", Json("""{"unknown": "ignored"}"""));

        await wrong.AssertValidationAsync("string_type", "body", "email");
        var wrongBody = await wrong.AssertValidationAsync("string_type", "body", "password");
        Assert.Equal(2, wrongBody.GetProperty("detail").GetArrayLength());
        await absent.AssertValidationAsync("missing", "body", "email");
        var absentBody = await absent.AssertValidationAsync("missing", "body", "password");
        Assert.Equal(2, absentBody.GetProperty("detail").GetArrayLength());
    }

    [SkippableFact]
    public async Task Register_IgnoresUnknownMembersAndFlags()
    {
        var email = NewEmail("extra");

        var response = await Anonymous().PostAsync(
            "/auth/register", Json(new { email, password = GoodPassword, nickname = "ignored", is_superuser = true, is_verified = true }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        HttpAssertions.AssertUserRead(await response.JsonAsync(), email);
    }

    [SkippableFact]
    public async Task ValidationBody_HasExactlyTheContractsMembers()
    {
        var response = await Anonymous().PostAsync("/auth/forgot-password", Json("""{"email": ["not", "a", "string"]}"""));

        var body = await response.AssertValidationAsync("string_type", "body", "email");
        Assert.Equal(
            ["detail", "errors", "status", "title", "traceId", "type"],
            body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var item = Assert.Single(body.GetProperty("detail").EnumerateArray());
        Assert.Equal(["loc", "msg", "type"], item.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Input should be a valid string", item.GetProperty("msg").GetString());
        Assert.Equal(["Input should be a valid string"], body.GetProperty("errors").GetProperty("email").EnumerateArray().Select(m => m.GetString()));
    }

    [SkippableFact]
    public async Task OpenApi_DocumentsTheRequestRecords_WithOptionalMembersAsTheirValues()
    {
        var document = await (await Anonymous().GetAsync("/openapi/v1.json")).JsonAsync();

        var register = BodySchema(document, "/auth/register", "post");
        Assert.Equal(["email", "password"], register.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
        var patch = BodySchema(document, "/users/{id}", "patch");
        var properties = patch.GetProperty("properties");
        Assert.Subset(
            properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal),
            new HashSet<string>(["email", "password", "is_active", "is_superuser", "is_verified"], StringComparer.Ordinal));
        Assert.False(patch.TryGetProperty("required", out _));
        Assert.Contains("string", properties.GetProperty("email").GetProperty("type").ToString(), StringComparison.Ordinal);
        Assert.Contains("boolean", properties.GetProperty("is_active").GetProperty("type").ToString(), StringComparison.Ordinal);
    }

    private static JsonElement BodySchema(JsonElement document, string path, string method)
    {
        var schema = document.GetProperty("paths").GetProperty(path).GetProperty(method)
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        return schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;
    }

    private async Task<(HttpClient Admin, Application.Users.UserRead User)> AdminAndUserAsync()
    {
        var (_, admin) = await CreateUserAsync(superuser: true);
        var (user, _) = await CreateUserAsync();
        return (admin, user);
    }
}

public sealed class RequestBindingSqliteTests(SqliteApiFixture fixture) : RequestBindingTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class RequestBindingPostgresTests(PostgresApiFixture fixture) : RequestBindingTests(fixture), IClassFixture<PostgresApiFixture>;
