using System.Net;
using System.Net.Http.Headers;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Users;

public abstract class CurrentUserTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task GetMe_WithToken_Returns200UserRead()
    {
        var (user, client) = await CreateUserAsync();

        var response = await client.GetAsync("/users/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpAssertions.AssertUserRead(await response.JsonAsync(), user.Email);
    }

    [SkippableTheory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    public async Task GetMe_MatchesTheBearerSchemeIgnoringCaseAndWhitespace(string scheme)
    {
        var (user, _) = await CreateUserAsync();
        var token = await TokenAsync(user.Email);
        var client = Anonymous();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"{scheme}   {token}  ");

        var response = await client.GetAsync("/users/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task GetMe_WithoutToken_Returns401()
    {
        var response = await Anonymous().GetAsync("/users/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableTheory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task GetMe_WithInvalidToken_Returns401(string token)
    {
        var response = await WithToken(token).GetAsync("/users/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task GetMe_WithTamperedToken_Returns401()
    {
        var (user, _) = await CreateUserAsync();
        var token = await TokenAsync(user.Email);
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        var response = await WithToken(tampered).GetAsync("/users/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task GetMe_WithOtherScheme_CountsAsNoToken()
    {
        var (user, _) = await CreateUserAsync();
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", await TokenAsync(user.Email));

        var response = await client.GetAsync("/users/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task GetMe_AfterDeactivation_Returns401()
    {
        var (user, client) = await CreateUserAsync();
        var (_, admin) = await CreateUserAsync(superuser: true);
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsync($"/users/{user.Id}", Json(new { is_active = false }))).StatusCode);

        var response = await client.GetAsync("/users/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task GetMe_AfterDeletion_Returns401()
    {
        var (user, client) = await CreateUserAsync();
        var (_, admin) = await CreateUserAsync(superuser: true);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/users/{user.Id}")).StatusCode);

        var response = await client.GetAsync("/users/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task GetMe_WithTokenIssuedBeforeAPasswordChange_Returns401()
    {
        var (_, client) = await CreateUserAsync();
        var change = await client.PatchAsync("/users/me", Json(new { password = "Another-Good-Passphrase-7" }));
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);

        var response = await client.GetAsync("/users/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task PatchMe_WithNewEmail_ChangesItAndClearsVerification()
    {
        var (_, client) = await CreateUserAsync(verified: true);
        var email = NewEmail("moved");

        var response = await client.PatchAsync("/users/me", Json(new { email }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpAssertions.AssertUserRead(await response.JsonAsync(), email, verified: false);
    }

    [SkippableFact]
    public async Task PatchMe_ReCasingOwnEmail_KeepsVerification()
    {
        var (user, client) = await CreateUserAsync(verified: true);
        var recased = char.ToUpperInvariant(user.Email[0]) + user.Email[1..];

        var response = await client.PatchAsync("/users/me", Json(new { email = recased }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpAssertions.AssertUserRead(await response.JsonAsync(), recased, verified: true);
    }

    [SkippableFact]
    public async Task PatchMe_WithFlags_IgnoresThemEvenWhenNull()
    {
        var (user, client) = await CreateUserAsync();

        var response = await client.PatchAsync("/users/me", Json("""{"is_superuser": true, "is_verified": null, "is_active": false}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpAssertions.AssertUserRead(await response.JsonAsync(), user.Email);
    }

    [SkippableFact]
    public async Task PatchMe_WithNewPassword_LetsTheUserLogInWithIt()
    {
        var (user, client) = await CreateUserAsync();

        var response = await client.PatchAsync("/users/me", Json(new { password = "Another-Good-Passphrase-7" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(user.Email, "Another-Good-Passphrase-7")).StatusCode);
        await (await LoginAsync(user.Email)).AssertProblemAsync(HttpStatusCode.BadRequest, "LOGIN_BAD_CREDENTIALS");
    }

    [SkippableFact]
    public async Task PatchMe_WithEmailOfAnotherUserInOtherCase_Returns400AlreadyExists()
    {
        var (other, _) = await CreateUserAsync();
        var (_, client) = await CreateUserAsync();

        var response = await client.PatchAsync("/users/me", Json(new { email = other.Email.ToUpperInvariant() }));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "UPDATE_USER_EMAIL_ALREADY_EXISTS");
    }

    [SkippableFact]
    public async Task PatchMe_TwoUsersRacingForOneNewAddress_ExactlyOneGetsIt()
    {
        var (_, first) = await CreateUserAsync();
        var (_, second) = await CreateUserAsync();
        var contested = NewEmail("contested");

        var responses = await Task.WhenAll(
            first.PatchAsync("/users/me", Json(new { email = contested })),
            second.PatchAsync("/users/me", Json(new { email = contested.ToUpperInvariant() })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        await Assert.Single(responses, r => r.StatusCode != HttpStatusCode.OK)
            .AssertProblemAsync(HttpStatusCode.BadRequest, "UPDATE_USER_EMAIL_ALREADY_EXISTS");
    }

    [SkippableFact]
    public async Task PatchMe_WithPasswordThePolicyRejects_Returns400InvalidPassword()
    {
        var (_, client) = await CreateUserAsync();

        var response = await client.PatchAsync("/users/me", Json(new { password = "short" }));

        await response.AssertPasswordProblemAsync("UPDATE_USER_INVALID_PASSWORD");
    }

    [SkippableFact]
    public async Task PatchMe_WithNullEmail_Returns422()
    {
        var (_, client) = await CreateUserAsync();

        var response = await client.PatchAsync("/users/me", Json("""{"email": null}"""));

        await response.AssertValidationAsync("string_type", "body", "email");
    }

    [SkippableFact]
    public async Task PatchMe_WithInvalidEmail_Returns422ValueError()
    {
        var (_, client) = await CreateUserAsync();

        var response = await client.PatchAsync("/users/me", Json(new { email = "not-an-address" }));

        await response.AssertValidationAsync("value_error", "body", "email");
    }

    [SkippableFact]
    public async Task PatchMe_WithMalformedJsonAndNoToken_Returns422BeforeAuthentication()
    {
        var response = await Anonymous().PatchAsync("/users/me", Json("{\"email\": "));

        await response.AssertValidationAsync("json_invalid", "body");
    }

    [SkippableFact]
    public async Task PatchMe_WithValidJsonAndNoToken_Returns401()
    {
        var response = await Anonymous().PatchAsync("/users/me", Json(new { email = NewEmail() }));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }
}

public sealed class CurrentUserSqliteTests(SqliteApiFixture fixture) : CurrentUserTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class CurrentUserPostgresTests(PostgresApiFixture fixture) : CurrentUserTests(fixture), IClassFixture<PostgresApiFixture>;
