using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Infrastructure.Persistence;

namespace Users.Api.IntegrationTests.Auth;

/// <summary>The default <c>cookie</c> backend: cookie transport + database tokens.</summary>
public abstract class CookieBackendTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string CookieName = "fastapiusersauth";

    [SkippableFact]
    public async Task Login_Returns204WithTheContractsCookie()
    {
        var (user, _) = await CreateUserAsync();

        var response = await CookieLoginAsync(user.Email);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = SetCookie(response);
        var token = cookie.Split(';')[0][(CookieName.Length + 1)..];
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        var attributes = Attributes(cookie);
        Assert.Contains("path=/", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("max-age", StringComparison.Ordinal) || a.StartsWith("expires", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Cookie_AuthenticatesTheUser()
    {
        var (user, _) = await CreateUserAsync();
        var token = await CookieTokenAsync(user.Email);

        var response = await WithCookie(token).GetAsync("/users/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpAssertions.AssertUserRead(await response.JsonAsync(), user.Email);
    }

    [SkippableFact]
    public async Task Database_StoresOnlyAHashOfTheToken()
    {
        var (user, _) = await CreateUserAsync();
        var token = await CookieTokenAsync(user.Email);

        var rows = await Factory.InScopeAsync(sp => sp.GetRequiredService<UsersDbContext>().Database
            .SqlQueryRaw<string>("SELECT token_hash AS \"Value\" FROM access_tokens").ToListAsync());

        Assert.NotEmpty(rows);
        Assert.DoesNotContain(token, rows);
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", r));
    }

    [SkippableFact]
    public async Task Logout_ClearsTheCookieAndDeletesTheToken()
    {
        var (user, _) = await CreateUserAsync();
        var token = await CookieTokenAsync(user.Email);

        var response = await WithCookie(token).PostAsync("/auth/cookie/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cleared = SetCookie(response);
        Assert.StartsWith($"{CookieName}=;", cleared, StringComparison.Ordinal);
        var attributes = Attributes(cleared);
        Assert.Contains("max-age=0", attributes);
        Assert.Contains("path=/", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("samesite=lax", attributes);
        await (await WithCookie(token).GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task Logout_WithoutTheCookie_Returns401EvenWithABearerToken()
    {
        var (_, bearer) = await CreateUserAsync();

        var response = await bearer.PostAsync("/auth/cookie/logout", null);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task Login_WithWrongPassword_Returns400AndSetsNoCookie()
    {
        var (user, _) = await CreateUserAsync();

        var response = await CookieLoginAsync(user.Email, "Wrong-Password-123");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "LOGIN_BAD_CREDENTIALS");
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [SkippableFact]
    public async Task Token_ExpiresAfterItsLifetime()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var factory = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var (user, _) = await CreateUserAsync();
        var login = await factory.CreateClient().PostAsync("/auth/cookie/login", LoginForm(user.Email));
        var token = SetCookie(login).Split(';')[0][(CookieName.Length + 1)..];
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", $"{CookieName}={token}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/users/me")).StatusCode);

        clock.Advance(TimeSpan.FromSeconds(3601));

        await (await client.GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task CookieMaxAge_IsConfigurable()
    {
        await using var factory = Factory.WithWebHostBuilder(b => b.UseSetting("Auth:Cookie:MaxAgeSeconds", "600"));
        var (user, _) = await CreateUserAsync();

        var response = await factory.CreateClient().PostAsync("/auth/cookie/login", LoginForm(user.Email));

        Assert.Contains("max-age=600", Attributes(SetCookie(response)));
    }

    [SkippableFact]
    public async Task SeveralBackends_TheFirstThatYieldsAUserWins()
    {
        var (bearerUser, bearer) = await CreateUserAsync();
        var (cookieUser, _) = await CreateUserAsync();
        var cookieToken = await CookieTokenAsync(cookieUser.Email);

        bearer.DefaultRequestHeaders.Add("Cookie", $"{CookieName}={cookieToken}");
        var both = await (await bearer.GetAsync("/users/me")).JsonAsync();
        var invalidBearerValidCookie = WithToken("not-a-valid-jwt");
        invalidBearerValidCookie.DefaultRequestHeaders.Add("Cookie", $"{CookieName}={cookieToken}");
        var fallThrough = await invalidBearerValidCookie.GetAsync("/users/me");

        Assert.Equal(bearerUser.Id.ToString(), both.GetProperty("id").GetString()); // jwt is configured first
        Assert.Equal(HttpStatusCode.OK, fallThrough.StatusCode);
        Assert.Equal(cookieUser.Id.ToString(), (await fallThrough.JsonAsync()).GetProperty("id").GetString());
    }

    [SkippableFact]
    public async Task ConfiguredBackends_ReplaceTheDefaults()
    {
        await using var factory = Factory.WithWebHostBuilder(b => b
            .UseSetting("Auth:Backends:0:Name", "sessions")
            .UseSetting("Auth:Backends:0:Transport", "Bearer")
            .UseSetting("Auth:Backends:0:Strategy", "database"));
        var (user, _) = await CreateUserAsync();
        var client = factory.CreateClient();

        var login = await client.PostAsync("/auth/sessions/login", LoginForm(user.Email));
        var token = (await login.JsonAsync()).GetProperty("access_token").GetString()!;
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/auth/jwt/login", LoginForm(user.Email))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/auth/sessions/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/users/me")).StatusCode);
    }

    protected async Task<string> CookieTokenAsync(string email)
    {
        var response = await CookieLoginAsync(email);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return SetCookie(response).Split(';')[0][(CookieName.Length + 1)..];
    }

    protected HttpClient WithCookie(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", $"{CookieName}={token}");
        return client;
    }

    private Task<HttpResponseMessage> CookieLoginAsync(string email, string password = GoodPassword) =>
        Anonymous().PostAsync("/auth/cookie/login", LoginForm(email, password));

    private static string SetCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), v => v.StartsWith(CookieName + "=", StringComparison.Ordinal));

    private static string[] Attributes(string setCookie) =>
        setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToArray();
}

public sealed class CookieBackendSqliteTests(SqliteApiFixture fixture) : CookieBackendTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class CookieBackendPostgresTests(PostgresApiFixture fixture) : CookieBackendTests(fixture), IClassFixture<PostgresApiFixture>;
