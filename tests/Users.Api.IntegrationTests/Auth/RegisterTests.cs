using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Application.Abstractions.Persistence;

namespace Users.Api.IntegrationTests.Auth;

public abstract class RegisterTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task Register_WithValidBody_Returns201UserReadWithDefaultFlags()
    {
        var email = NewEmail();
        var response = await RegisterAsync(email);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        HttpAssertions.AssertUserRead(await response.JsonAsync(), email);
    }

    [SkippableFact]
    public async Task Register_WithFlagsInBody_IgnoresThem()
    {
        var email = NewEmail();
        var response = await Anonymous().PostAsync("/auth/register", Json(new
        {
            email,
            password = GoodPassword,
            is_active = false,
            is_superuser = true,
            is_verified = true,
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        HttpAssertions.AssertUserRead(await response.JsonAsync(), email);
    }

    [SkippableFact]
    public async Task Register_NormalizesEmail_DomainLowerCasedLocalPartKept()
    {
        var tag = Guid.NewGuid().ToString("N");
        var response = await RegisterAsync($"  Mixed.{tag}@Example.COM  ");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"Mixed.{tag}@example.com", (await response.JsonAsync()).GetProperty("email").GetString());
    }

    [SkippableFact]
    public async Task Register_WithExistingEmailInOtherCase_Returns400AlreadyExists()
    {
        var email = NewEmail("twin");
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(email)).StatusCode);

        var response = await RegisterAsync(email.ToUpperInvariant());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "REGISTER_USER_ALREADY_EXISTS");
    }

    [SkippableTheory]
    [InlineData("short")]
    [InlineData("password")]
    [InlineData("123456789")]
    public async Task Register_WithPasswordThePolicyRejects_Returns400InvalidPasswordWithReason(string password)
    {
        var response = await RegisterAsync(NewEmail(), password);

        await response.AssertPasswordProblemAsync("REGISTER_INVALID_PASSWORD");
    }

    [SkippableFact]
    public async Task Register_WithPasswordEqualToEmail_Returns400InvalidPassword()
    {
        var email = NewEmail();
        var response = await RegisterAsync(email, email.ToUpperInvariant());

        await response.AssertPasswordProblemAsync("REGISTER_INVALID_PASSWORD");
    }

    [SkippableFact]
    public async Task Register_WithExistingEmailAndBadPassword_ReportsThePasswordFirst()
    {
        var email = NewEmail();
        await RegisterAsync(email);

        var response = await RegisterAsync(email, "short");

        await response.AssertPasswordProblemAsync("REGISTER_INVALID_PASSWORD");
    }

    [SkippableFact]
    public async Task Register_WithMissingFields_Returns422MissingForEach()
    {
        var response = await Anonymous().PostAsync("/auth/register", Json("{}"));

        var body = await response.AssertValidationAsync("missing", "body", "email");
        Assert.Contains(body.GetProperty("detail").EnumerateArray(),
            i => i.GetProperty("loc")[1].GetString() == "password" && i.GetProperty("type").GetString() == "missing");
    }

    [SkippableTheory]
    [InlineData("no-at-sign.example.com")]
    [InlineData("x@localhost")]
    [InlineData("x@example.test")]
    [InlineData("\"quoted\"@example.com")]
    [InlineData("x@[127.0.0.1]")]
    [InlineData("a..b@example.com")]
    public async Task Register_WithInvalidEmail_Returns422ValueError(string email)
    {
        var response = await RegisterAsync(email);

        var body = await response.AssertValidationAsync("value_error", "body", "email");
        Assert.StartsWith("value is not a valid email address", body.GetProperty("detail")[0].GetProperty("msg").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Register_WithEmailOfWrongJsonType_Returns422StringType()
    {
        var response = await Anonymous().PostAsync("/auth/register", Json($$"""{"email": 42, "password": "{{GoodPassword}}"}"""));

        await response.AssertValidationAsync("string_type", "body", "email");
    }

    [SkippableTheory]
    [InlineData("{\"email\": \"a@b.com\", ")]
    [InlineData("{\"email\": NaN}")]
    [InlineData("not json at all")]
    public async Task Register_WithMalformedJson_Returns422JsonInvalid(string raw)
    {
        var response = await Anonymous().PostAsync("/auth/register", Json(raw));

        await response.AssertValidationAsync("json_invalid", "body");
    }

    [SkippableFact]
    public async Task Register_WithInvalidUtf8_Returns422JsonInvalid()
    {
        var bytes = new ByteArrayContent([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        bytes.Headers.ContentType = new("application/json");

        var response = await Anonymous().PostAsync("/auth/register", bytes);

        await response.AssertValidationAsync("json_invalid", "body");
    }

    [SkippableFact]
    public async Task Register_WithNestingDeeperThan64_Returns422JsonInvalid()
    {
        var raw = new string('[', 65) + new string(']', 65);

        var response = await Anonymous().PostAsync("/auth/register", Json(raw));

        await response.AssertValidationAsync("json_invalid", "body");
    }

    [SkippableTheory]
    [InlineData("[1, 2]")]
    [InlineData("\"a string\"")]
    public async Task Register_WithJsonThatIsNotAnObject_Returns422ModelAttributesType(string raw)
    {
        var response = await Anonymous().PostAsync("/auth/register", Json(raw));

        await response.AssertValidationAsync("model_attributes_type", "body");
    }

    [SkippableFact]
    public async Task Register_WithNonJsonContentType_Returns422()
    {
        var response = await Anonymous().PostAsync("/auth/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = NewEmail(),
            ["password"] = GoodPassword,
        }));

        await response.AssertValidationAsync("model_attributes_type", "body");
    }

    [SkippableFact]
    public async Task Register_WithEmptyBody_Returns422Missing()
    {
        var response = await Anonymous().PostAsync("/auth/register", Json(string.Empty));

        await response.AssertValidationAsync("missing", "body");
    }

    [SkippableFact]
    public async Task Register_WithBodyOver1MiB_Returns413()
    {
        var padding = new string('x', 1024 * 1024);
        var response = await Anonymous().PostAsync("/auth/register", Json($$"""{"email": "{{NewEmail()}}", "password": "{{padding}}"}"""));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [SkippableFact]
    public async Task Register_WithUnknownMembers_IgnoresThem()
    {
        var response = await Anonymous().PostAsync("/auth/register", Json(new { email = NewEmail(), password = GoodPassword, nickname = "x" }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [SkippableFact]
    public async Task Register_TwentyConcurrentRequestsForOneAddressInMixedCase_CreateExactlyOneUser()
    {
        var local = $"race-{Guid.NewGuid():N}";
        var variants = Enumerable.Range(0, 20).Select(i => Vary($"{local}@example.com", i)).ToArray();

        var responses = await Task.WhenAll(variants.Select(v => RegisterAsync(v)));

        var statuses = responses.Select(r => (int)r.StatusCode).ToArray();
        Assert.Single(statuses, s => s == 201);
        Assert.All(statuses.Where(s => s != 201), s => Assert.Equal(400, s));
        foreach (var failed in responses.Where(r => r.StatusCode == HttpStatusCode.BadRequest))
        {
            await failed.AssertProblemAsync(HttpStatusCode.BadRequest, "REGISTER_USER_ALREADY_EXISTS");
        }

        var stored = await Factory.InScopeAsync(sp => sp.GetRequiredService<IUserRepository>()
            .ListAsync(new UserListCriteria(10, null, local, null), CancellationToken.None));
        Assert.Single(stored);
    }

    private static string Vary(string address, int seed)
    {
        var builder = new StringBuilder(address.Length);
        for (var i = 0; i < address.Length; i++)
        {
            builder.Append(((seed >> (i % 5)) & 1) == 1 ? char.ToUpperInvariant(address[i]) : address[i]);
        }

        return builder.ToString();
    }
}

public sealed class RegisterSqliteTests(SqliteApiFixture fixture) : RegisterTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class RegisterPostgresTests(PostgresApiFixture fixture) : RegisterTests(fixture), IClassFixture<PostgresApiFixture>;
