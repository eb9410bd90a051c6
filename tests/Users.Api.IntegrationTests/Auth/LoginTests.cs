using System.Net;
using System.Text;
using System.Text.Json;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Auth;

public abstract class LoginTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task Login_WithCorrectPassword_Returns200BearerToken()
    {
        var email = NewEmail();
        await RegisterAsync(email);

        var response = await LoginAsync(email);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
    }

    [SkippableFact]
    public async Task Login_IssuesTheContractsAccessToken_SubAudienceExpiryAndIssuedAt()
    {
        var email = NewEmail();
        var id = (await (await RegisterAsync(email)).JsonAsync()).GetProperty("id").GetString();

        var token = await TokenAsync(email);

        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        var header = Decode(parts[0]);
        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        var payload = Decode(parts[1]);
        Assert.Equal(id, payload.GetProperty("sub").GetString());
        Assert.Equal(JsonValueKind.Array, payload.GetProperty("aud").ValueKind);
        Assert.Equal("fastapi-users:auth", payload.GetProperty("aud")[0].GetString());
        var lifetime = payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64();
        Assert.Equal(3600, lifetime);
    }

    [SkippableFact]
    public async Task Login_MatchesUsernameIgnoringCase()
    {
        var email = NewEmail();
        await RegisterAsync(email);

        var response = await LoginAsync(email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task Login_WithWrongPassword_Returns400BadCredentials()
    {
        var email = NewEmail();
        await RegisterAsync(email);

        var response = await LoginAsync(email, "Wrong-Password-123");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "LOGIN_BAD_CREDENTIALS");
    }

    [SkippableFact]
    public async Task Login_WithUnknownUser_Returns400BadCredentials()
    {
        var response = await LoginAsync(NewEmail("nobody"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "LOGIN_BAD_CREDENTIALS");
    }

    [SkippableFact]
    public async Task Login_OfInactiveUserWithCorrectPassword_Returns400BadCredentials()
    {
        var (user, _) = await CreateUserAsync(active: false);

        var response = await LoginAsync(user.Email);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "LOGIN_BAD_CREDENTIALS");
    }

    [SkippableFact]
    public async Task Login_WithMultipartForm_Works()
    {
        var email = NewEmail();
        await RegisterAsync(email);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(email), "username" },
            { new StringContent(GoodPassword), "password" },
            { new StringContent("password"), "grant_type" },
            { new StringContent("ignored scope"), "scope" },
        };

        var response = await Anonymous().PostAsync("/auth/jwt/login", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task Login_WithJsonBody_Returns422MissingFields()
    {
        var response = await Anonymous().PostAsync("/auth/jwt/login", Json(new { username = NewEmail(), password = GoodPassword }));

        await response.AssertValidationAsync("missing", "body", "username");
    }

    [SkippableFact]
    public async Task Login_WithEmptyPassword_Returns422Missing()
    {
        var response = await LoginAsync(NewEmail(), string.Empty);

        await response.AssertValidationAsync("missing", "body", "password");
    }

    [SkippableFact]
    public async Task Login_WithGrantTypeOtherThanPassword_Returns422PatternMismatch()
    {
        var response = await Anonymous().PostAsync("/auth/jwt/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = NewEmail(),
            ["password"] = GoodPassword,
            ["grant_type"] = "client_credentials",
        }));

        await response.AssertValidationAsync("string_pattern_mismatch", "body", "grant_type");
    }

    [SkippableFact]
    public async Task Logout_WithValidToken_Returns204()
    {
        var (_, client) = await CreateUserAsync();

        var response = await client.PostAsync("/auth/jwt/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [SkippableFact]
    public async Task Logout_WithoutToken_Returns401()
    {
        var response = await Anonymous().PostAsync("/auth/jwt/logout", null);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    private static JsonElement Decode(string segment)
    {
        var padded = segment.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(padded))).RootElement.Clone();
    }
}

public sealed class LoginSqliteTests(SqliteApiFixture fixture) : LoginTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class LoginPostgresTests(PostgresApiFixture fixture) : LoginTests(fixture), IClassFixture<PostgresApiFixture>;
