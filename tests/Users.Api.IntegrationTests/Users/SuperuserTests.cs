using System.Net;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Users;

public abstract class SuperuserTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task GetUser_AsSuperuser_Returns200UserRead()
    {
        var (user, _) = await CreateUserAsync();
        var (_, admin) = await CreateUserAsync(superuser: true);

        var response = await admin.GetAsync($"/users/{user.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpAssertions.AssertUserRead(await response.JsonAsync(), user.Email);
    }

    [SkippableFact]
    public async Task GetUser_WithUpperCaseOrHyphenlessId_Parses()
    {
        var (user, _) = await CreateUserAsync();
        var (_, admin) = await CreateUserAsync(superuser: true);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/users/{user.Id.ToString().ToUpperInvariant()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/users/{user.Id:N}")).StatusCode);
    }

    [SkippableFact]
    public async Task GetUser_AsNonSuperuser_Returns403()
    {
        var (user, client) = await CreateUserAsync();

        var response = await client.GetAsync($"/users/{user.Id}");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "Forbidden");
    }

    [SkippableFact]
    public async Task GetUser_WithoutToken_Returns401()
    {
        var response = await Anonymous().GetAsync($"/users/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableTheory]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    [InlineData("not-a-uuid")]
    [InlineData("12345")]
    public async Task GetUser_UnknownOrUnparsableId_Returns404(string id)
    {
        var (_, admin) = await CreateUserAsync(superuser: true);

        var response = await admin.GetAsync($"/users/{id}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
    }

    [SkippableFact]
    public async Task GetUser_UnparsableIdAsNonSuperuser_Returns403BeforeNotFound()
    {
        var (_, client) = await CreateUserAsync();

        var response = await client.GetAsync("/users/not-a-uuid");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "Forbidden");
    }

    [SkippableFact]
    public async Task PatchUser_SetsEveryField()
    {
        var (user, _) = await CreateUserAsync();
        var (_, admin) = await CreateUserAsync(superuser: true);
        var email = NewEmail("renamed");

        var response = await admin.PatchAsync($"/users/{user.Id}", Json(new
        {
            email,
            password = "Brand-New-Passphrase-42",
            is_active = true,
            is_superuser = true,
            is_verified = true,
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpAssertions.AssertUserRead(await response.JsonAsync(), email, superuser: true, verified: true);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, "Brand-New-Passphrase-42")).StatusCode);
    }

    [SkippableFact]
    public async Task PatchUser_WithNewEmailAndVerifiedTrue_EndsVerified()
    {
        var (user, _) = await CreateUserAsync();
        var (_, admin) = await CreateUserAsync(superuser: true);
        var email = NewEmail("verified");

        var response = await admin.PatchAsync($"/users/{user.Id}", Json(new { email, is_verified = true }));

        HttpAssertions.AssertUserRead(await response.JsonAsync(), email, verified: true);
    }

    [SkippableTheory]
    [InlineData("email")]
    [InlineData("is_active")]
    [InlineData("is_superuser")]
    [InlineData("is_verified")]
    public async Task PatchUser_WithNullMember_Returns422(string member)
    {
        var (user, _) = await CreateUserAsync();
        var (_, admin) = await CreateUserAsync(superuser: true);

        var response = await admin.PatchAsync($"/users/{user.Id}", Json($$"""{"{{member}}": null}"""));

        var body = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(body.GetProperty("detail").EnumerateArray(), i => i.GetProperty("loc")[1].GetString() == member);
    }

    [SkippableFact]
    public async Task PatchUser_WithFlagOfWrongType_Returns422BoolType()
    {
        var (user, _) = await CreateUserAsync();
        var (_, admin) = await CreateUserAsync(superuser: true);

        var response = await admin.PatchAsync($"/users/{user.Id}", Json("""{"is_active": "maybe"}"""));

        await response.AssertValidationAsync("bool_type", "body", "is_active");
    }

    [SkippableFact]
    public async Task PatchUser_UnknownIdWithInvalidBody_Returns404BeforeValidation()
    {
        var (_, admin) = await CreateUserAsync(superuser: true);

        var response = await admin.PatchAsync($"/users/{Guid.NewGuid()}", Json("""{"email": null, "is_active": 3}"""));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
    }

    [SkippableFact]
    public async Task PatchUser_WithTakenEmail_Returns400AlreadyExists()
    {
        var (user, _) = await CreateUserAsync();
        var (other, _) = await CreateUserAsync();
        var (_, admin) = await CreateUserAsync(superuser: true);

        var response = await admin.PatchAsync($"/users/{user.Id}", Json(new { email = other.Email }));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "UPDATE_USER_EMAIL_ALREADY_EXISTS");
    }

    [SkippableFact]
    public async Task PatchUser_WithPasswordThePolicyRejects_Returns400InvalidPassword()
    {
        var (user, _) = await CreateUserAsync();
        var (_, admin) = await CreateUserAsync(superuser: true);

        var response = await admin.PatchAsync($"/users/{user.Id}", Json(new { password = "qwerty" }));

        await response.AssertPasswordProblemAsync("UPDATE_USER_INVALID_PASSWORD");
    }

    [SkippableFact]
    public async Task PatchUser_AsNonSuperuser_Returns403()
    {
        var (user, client) = await CreateUserAsync();

        var response = await client.PatchAsync($"/users/{user.Id}", Json(new { is_superuser = true }));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "Forbidden");
    }

    [SkippableFact]
    public async Task PatchUser_WithoutToken_Returns401()
    {
        var response = await Anonymous().PatchAsync($"/users/{Guid.NewGuid()}", Json(new { is_superuser = true }));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task DeleteUser_AsSuperuser_Returns204AndTheUserIsGone()
    {
        var (user, _) = await CreateUserAsync();
        var (_, admin) = await CreateUserAsync(superuser: true);

        var response = await admin.DeleteAsync($"/users/{user.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await admin.GetAsync($"/users/{user.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
        await (await admin.DeleteAsync($"/users/{user.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
        await (await LoginAsync(user.Email)).AssertProblemAsync(HttpStatusCode.BadRequest, "LOGIN_BAD_CREDENTIALS");
    }

    [SkippableFact]
    public async Task DeleteUser_AsNonSuperuser_Returns403()
    {
        var (user, client) = await CreateUserAsync();

        var response = await client.DeleteAsync($"/users/{user.Id}");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "Forbidden");
    }

    [SkippableFact]
    public async Task DeleteUser_WithoutToken_Returns401()
    {
        var response = await Anonymous().DeleteAsync($"/users/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task DeleteUser_UnparsableId_Returns404()
    {
        var (_, admin) = await CreateUserAsync(superuser: true);

        var response = await admin.DeleteAsync("/users/zzz");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
    }
}

public sealed class SuperuserSqliteTests(SqliteApiFixture fixture) : SuperuserTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class SuperuserPostgresTests(PostgresApiFixture fixture) : SuperuserTests(fixture), IClassFixture<PostgresApiFixture>;
