using System.Net;
using System.Text.Json;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Auth;

public abstract class VerificationTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task RequestVerifyToken_ForUnverifiedUser_Returns202NullAndMailsAClickableLink()
    {
        var (user, _) = await CreateUserAsync();

        var response = await Anonymous().PostAsync("/auth/request-verify-token", Json(new { email = user.Email }));

        await AssertJsonNullAsync(response, HttpStatusCode.Accepted);
        var mail = await Factory.Mailbox.WaitForAsync(user.Email);
        Assert.Contains("https://users.example.com/auth/verify?token=", mail.Body, StringComparison.Ordinal);
        var link = await Anonymous().GetAsync($"/auth/verify?token={Uri.EscapeDataString(PickupMailbox.TokenIn(mail))}");
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        HttpAssertions.AssertUserRead(await link.JsonAsync(), user.Email, verified: true);
    }

    [SkippableFact]
    public async Task VerifyToken_CarriesTheContractsClaims()
    {
        var (user, _) = await CreateUserAsync();

        var token = await MailedVerifyTokenAsync(user.Email);

        var payload = TestTokens.Payload(token);
        Assert.Equal(user.Id.ToString(), payload.GetProperty("sub").GetString());
        Assert.Equal(user.Email, payload.GetProperty("email").GetString());
        Assert.Equal("fastapi-users:verify", payload.GetProperty("aud").GetString());
        var lifetime = payload.GetProperty("exp").GetInt64() - DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.InRange(lifetime, 3500, 3600);
    }

    [SkippableFact]
    public async Task RequestVerifyToken_ForUnknownVerifiedOrInactiveAddresses_Returns202AndMailsNothing()
    {
        var unknown = NewEmail("nobody");
        var (verified, _) = await CreateUserAsync(verified: true);
        var (inactive, _) = await CreateUserAsync(active: false);
        var (control, _) = await CreateUserAsync();

        foreach (var email in new[] { unknown, verified.Email, inactive.Email, control.Email })
        {
            await AssertJsonNullAsync(await Anonymous().PostAsync("/auth/request-verify-token", Json(new { email })), HttpStatusCode.Accepted);
        }

        await Factory.Mailbox.WaitForAsync(control.Email); // mail goes out in order: the others would be there by now
        Assert.Empty(Factory.Mailbox.To(unknown));
        Assert.Empty(Factory.Mailbox.To(verified.Email));
        Assert.Empty(Factory.Mailbox.To(inactive.Email));
    }

    [SkippableTheory]
    [InlineData("{}", "missing")]
    [InlineData("{\"email\": \"not-an-address\"}", "value_error")]
    public async Task RequestVerifyToken_WithBadBody_Returns422(string body, string type)
    {
        var response = await Anonymous().PostAsync("/auth/request-verify-token", Json(body));

        await response.AssertValidationAsync(type, "body", "email");
    }

    [SkippableFact]
    public async Task Verify_WithMailedToken_Returns200VerifiedAndASecondTimeAlreadyVerified()
    {
        var (user, _) = await CreateUserAsync();
        var token = await MailedVerifyTokenAsync(user.Email);

        var first = await Anonymous().PostAsync("/auth/verify", Json(new { token }));
        var second = await Anonymous().PostAsync("/auth/verify", Json(new { token }));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        HttpAssertions.AssertUserRead(await first.JsonAsync(), user.Email, verified: true);
        await second.AssertProblemAsync(HttpStatusCode.BadRequest, "VERIFY_USER_ALREADY_VERIFIED");
    }

    [SkippableFact]
    public async Task Verify_OfAnInactiveUser_VerifiesAndKeepsItInactive()
    {
        var (user, _) = await CreateUserAsync(active: false);
        var token = VerifyToken(user.Id, user.Email, DateTimeOffset.UtcNow.AddHours(1));

        var response = await Anonymous().PostAsync("/auth/verify", Json(new { token }));

        HttpAssertions.AssertUserRead(await response.JsonAsync(), user.Email, active: false, verified: true);
    }

    [SkippableFact]
    public async Task Verify_AfterTheEmailChanged_Returns400BadToken()
    {
        var (user, client) = await CreateUserAsync();
        var token = await MailedVerifyTokenAsync(user.Email);
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync("/users/me", Json(new { email = NewEmail("moved") }))).StatusCode);

        var response = await Anonymous().PostAsync("/auth/verify", Json(new { token }));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VERIFY_USER_BAD_TOKEN");
    }

    [SkippableFact]
    public async Task Verify_WithForgedOrStaleTokens_Returns400BadToken()
    {
        var (user, _) = await CreateUserAsync();
        var (other, _) = await CreateUserAsync();
        var valid = VerifyToken(user.Id, user.Email, DateTimeOffset.UtcNow.AddHours(1));
        string[] tokens =
        [
            "garbage",
            VerifyToken(user.Id, user.Email, DateTimeOffset.UtcNow.AddMinutes(-5)), // expired beyond the 30 s skew
            TestTokens.WithClaim(valid, "aud", "fastapi-users:reset"), // another token type
            TestTokens.WithClaim(valid, "sub", other.Id.ToString()), // id and email of different users
            TestTokens.WithClaim(valid, "sub", Guid.NewGuid().ToString()), // unknown user
            TestTokens.Sign(new Dictionary<string, object> { ["sub"] = user.Id.ToString(), ["email"] = user.Email, ["aud"] = "fastapi-users:verify" }), // no exp
            TestTokens.Sign(new Dictionary<string, object>
            {
                ["sub"] = user.Id.ToString(), ["email"] = user.Email, ["aud"] = "fastapi-users:verify", ["exp"] = TestTokens.UnixTime(DateTimeOffset.UtcNow.AddHours(1)),
            }, secret: "another-secret-that-is-long-enough-0123456789"),
            await TokenAsync(user.Email), // an access token
        ];

        foreach (var token in tokens)
        {
            var response = await Anonymous().PostAsync("/auth/verify", Json(new { token }));
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VERIFY_USER_BAD_TOKEN");
        }

        Assert.Equal(HttpStatusCode.OK, (await Anonymous().PostAsync("/auth/verify", Json(new { token = valid }))).StatusCode);
    }

    [SkippableFact]
    public async Task VerifyLink_AnswersTheSameOutcomesAsPost()
    {
        await (await Anonymous().GetAsync("/auth/verify?token=garbage")).AssertProblemAsync(HttpStatusCode.BadRequest, "VERIFY_USER_BAD_TOKEN");
        await (await Anonymous().GetAsync("/auth/verify")).AssertValidationAsync("missing", "query", "token");
    }

    [SkippableFact]
    public async Task Verify_WithoutToken_Returns422Missing()
    {
        await (await Anonymous().PostAsync("/auth/verify", Json("{}"))).AssertValidationAsync("missing", "body", "token");
    }

    private async Task<string> MailedVerifyTokenAsync(string email)
    {
        await AssertJsonNullAsync(await Anonymous().PostAsync("/auth/request-verify-token", Json(new { email })), HttpStatusCode.Accepted);
        return PickupMailbox.TokenIn(await Factory.Mailbox.WaitForAsync(email));
    }

    private static string VerifyToken(Guid id, string email, DateTimeOffset expires) =>
        TestTokens.Sign(new Dictionary<string, object>
        {
            ["sub"] = id.ToString(),
            ["email"] = email,
            ["aud"] = "fastapi-users:verify",
            ["exp"] = TestTokens.UnixTime(expires),
        });

    internal static async Task AssertJsonNullAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JsonValueKind.Null, (await response.JsonAsync()).ValueKind);
    }
}

public sealed class VerificationSqliteTests(SqliteApiFixture fixture) : VerificationTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class VerificationPostgresTests(PostgresApiFixture fixture) : VerificationTests(fixture), IClassFixture<PostgresApiFixture>;
