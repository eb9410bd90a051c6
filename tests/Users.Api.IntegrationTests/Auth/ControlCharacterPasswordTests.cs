using System.Net;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Auth;

/// <summary>
/// One rule for control characters in passwords (NUL, tab, line breaks, DEL, C1): the password policy refuses them,
/// with its reason, wherever a password is set, so no account can hold a password that a login form cannot carry.
/// </summary>
public abstract class ControlCharacterPasswordTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    public static TheoryData<string> Passwords => new() { "Correct\0Horse-Battery-9", "Correct\tHorse-Battery-9", "Correct\u0001Horse-Battery-9", "Correct\u0085Horse-Battery-9" };

    [SkippableTheory]
    [MemberData(nameof(Passwords))]
    public async Task Register_RefusesIt_WithTheReason(string password)
    {
        var response = await Anonymous().PostAsync("/auth/register", Json(new { email = NewEmail("control"), password }));

        await AssertRefusedAsync(response, "REGISTER_INVALID_PASSWORD");
    }

    [SkippableTheory]
    [MemberData(nameof(Passwords))]
    public async Task PatchMe_And_PatchUser_RefuseIt_AndKeepTheOldPassword(string password)
    {
        var (user, client) = await CreateUserAsync();
        var (_, admin) = await CreateUserAsync(superuser: true);

        await AssertRefusedAsync(await client.PatchAsync("/users/me", Json(new { password })), "UPDATE_USER_INVALID_PASSWORD");
        await AssertRefusedAsync(await admin.PatchAsync($"/users/{user.Id}", Json(new { password })), "UPDATE_USER_INVALID_PASSWORD");
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(user.Email)).StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Passwords))]
    public async Task ResetPassword_RefusesIt_AndTheTokenStaysUsable(string password)
    {
        var (user, _) = await CreateUserAsync();
        await Anonymous().PostAsync("/auth/forgot-password", Json(new { email = user.Email }));
        var token = PickupMailbox.TokenIn(await Factory.Mailbox.WaitForAsync(user.Email));

        await AssertRefusedAsync(await Anonymous().PostAsync("/auth/reset-password", Json(new { token, password })), "RESET_PASSWORD_INVALID_PASSWORD");
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().PostAsync("/auth/reset-password", Json(new { token, password = "Printing-Only-Passphrase-3" }))).StatusCode);
    }

    [SkippableFact]
    public async Task Login_WithAControlCharacter_IsNeverAnAccountsPassword()
    {
        var (user, _) = await CreateUserAsync();

        // An urlencoded NUL makes the form unreadable (422); any other control character reads, and matches nobody.
        var withNul = await Anonymous().PostAsync("/auth/jwt/login", new StringContent(
            $"username={Uri.EscapeDataString(user.Email)}&password=Correct%00Horse-Battery-9", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));
        var withSoh = await LoginAsync(user.Email, "Correct\u0001Horse-Battery-9");

        await withNul.AssertValidationAsync("model_attributes_type", "body");
        await withSoh.AssertProblemAsync(HttpStatusCode.BadRequest, "LOGIN_BAD_CREDENTIALS");
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string code)
    {
        await response.AssertPasswordProblemAsync(code);
        var reason = (await response.JsonAsync()).GetProperty("detail").GetProperty("reason").GetString();
        Assert.Contains("control characters", reason, StringComparison.Ordinal);
    }
}

public sealed class ControlCharacterPasswordSqliteTests(SqliteApiFixture fixture) : ControlCharacterPasswordTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class ControlCharacterPasswordPostgresTests(PostgresApiFixture fixture) : ControlCharacterPasswordTests(fixture), IClassFixture<PostgresApiFixture>;
