using System.Net;
using System.Text;
using System.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.OAuth;

/// <summary>Every way a callback is refused, in the contract's order, each through the real provider where one is involved.</summary>
public abstract class OAuthCallbackCheckTests(ApiFixture fixture, OidcProviderServer provider) : OAuthTestBase(fixture, provider)
{
    [SkippableFact]
    public async Task TheUserDenyingAccessAtTheProvider_IsAnsweredWithTheProvidersError()
    {
        var (url, csrf) = await AuthorizeAsync("/auth/oidc/authorize");

        var response = await CallbackAsync(await Browser.AbortAsync(url), csrf);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "access_denied");
    }

    [SkippableFact]
    public async Task ACallbackWithoutCode_IsABareBadRequest()
    {
        var (url, csrf) = await AuthorizeAsync("/auth/oidc/authorize");
        var state = HttpUtility.ParseQueryString(new Uri(url).Query)["state"];

        var response = await CallbackAsync(new Uri($"http://localhost/auth/oidc/callback?state={state}"), csrf);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Bad Request");
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("csrf-token-of-another-browser-000000000000000")]
    public async Task ACsrfCookieThatIsNotTheStates_IsInvalidState(string? cookie)
    {
        var (url, _) = await AuthorizeAsync("/auth/oidc/authorize");
        var back = await Browser.SignInAsync(url, NewAccount(NewEmail("csrf"), verified: true));

        var response = await CallbackAsync(back, cookie);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "OAUTH_INVALID_STATE");
    }

    [SkippableFact]
    public async Task AnExpiredState_IsAlreadyExpired()
    {
        var state = State("fastapi-users:oauth-state", "csrf", DateTime.UtcNow.AddHours(-2));

        var response = await CallbackAsync(new Uri($"http://localhost/auth/oidc/callback?code=any&state={state}"), "csrf");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "ACCESS_TOKEN_ALREADY_EXPIRED");
    }

    [SkippableTheory]
    [InlineData("fastapi-users:verify")]
    [InlineData("fastapi-users:auth")]
    public async Task AStateOfAnotherAudience_IsADecodeError_Not500(string audience)
    {
        var state = State(audience, "csrf", DateTime.UtcNow.AddHours(1));

        var response = await CallbackAsync(new Uri($"http://localhost/auth/oidc/callback?code=any&state={state}"), "csrf");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "ACCESS_TOKEN_DECODE_ERROR");
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("garbage")]
    public async Task AStateThatIsNotOurs_IsADecodeError(string state)
    {
        var response = await CallbackAsync(new Uri($"http://localhost/auth/oidc/callback?code=any&state={state}"), "csrf");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "ACCESS_TOKEN_DECODE_ERROR");
    }

    [SkippableFact]
    public async Task AChallengeThatIsNotOurs_MakesTheProviderRefuseOurVerifier()
    {
        // Someone swaps the PKCE challenge on the way to the provider: the code is then bound to their challenge, and the
        // verifier this service derives from the state no longer matches it, so the provider itself refuses the exchange.
        var (url, csrf) = await AuthorizeAsync("/auth/oidc/authorize");
        var swapped = System.Text.RegularExpressions.Regex.Replace(
            url, "code_challenge=[^&]+", "code_challenge=" + Base64UrlEncoder.Encode(Encoding.ASCII.GetBytes(new string('x', 32))));

        var response = await CallbackAsync(await Browser.SignInAsync(swapped, NewAccount(NewEmail("pkce"), verified: true)), csrf);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_grant");
    }

    [SkippableFact]
    public async Task ACodeUsedTwice_IsRefusedByTheProvider_TheSecondTime()
    {
        var (url, csrf) = await AuthorizeAsync("/auth/oidc/authorize");
        var back = await Browser.SignInAsync(url, NewAccount(NewEmail("replay"), verified: true));
        Assert.Equal(HttpStatusCode.OK, (await CallbackAsync(back, csrf)).StatusCode);

        var replay = await CallbackAsync(back, csrf);

        await replay.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_grant");
    }

    // A state as this service writes it, signed with the test service's secret.
    private static string State(string audience, string csrf, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["csrftoken"] = csrf, ["aud"] = audience },
            Expires = expires,
            IssuedAt = expires.AddHours(-1),
            NotBefore = expires.AddHours(-1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(UsersApiFactory.Secret)), SecurityAlgorithms.HmacSha256),
        });
}

public sealed class OAuthCallbackCheckSqliteTests(SqliteApiFixture fixture, OidcProviderServer provider)
    : OAuthCallbackCheckTests(fixture, provider), IClassFixture<SqliteApiFixture>, IClassFixture<OidcProviderServer>;

public sealed class OAuthCallbackCheckPostgresTests(PostgresApiFixture fixture, OidcProviderServer provider)
    : OAuthCallbackCheckTests(fixture, provider), IClassFixture<PostgresApiFixture>, IClassFixture<OidcProviderServer>;
