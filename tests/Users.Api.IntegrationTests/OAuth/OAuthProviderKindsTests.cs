using System.Diagnostics;
using System.Net;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.OAuth;

/// <summary>
/// The other provider shapes and states: plain OAuth2 with explicit endpoints, a cookie backend with a redirect after the
/// callback, and providers that are down or never answer. Provider calls do not touch the database, so SQLite suffices.
/// </summary>
public sealed class OAuthProviderKindsTests(SqliteApiFixture fixture, OidcProviderServer provider)
    : OAuthTestBase(fixture, provider), IClassFixture<SqliteApiFixture>, IClassFixture<OidcProviderServer>
{
    [SkippableFact]
    public async Task PlainOAuth2_WithExplicitEndpoints_AndTheSecretInTheForm_SignsANewUserIn()
    {
        var email = NewEmail("plain");

        var token = await AccessTokenOfAsync(await SignInAsync("plain", NewAccount(email, verified: true)));

        HttpAssertions.AssertUserRead(await (await Client(token).GetAsync("/users/me")).JsonAsync(), email);
        var user = await StoredUserAsync(email);
        Assert.Equal("plain", Assert.Single(await StoredAccountsAsync(user!.Id)).OAuthName);
    }

    [SkippableFact]
    public async Task ACookieBackendWithARedirect_SetsTheSessionCookie_AndRedirects()
    {
        var response = await SignInAsync("web", NewAccount(NewEmail("web"), verified: true));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(WebRedirect, response.Headers.Location!.AbsoluteUri);
        var session = CookieValue(response, "fastapiusersauth");
        Assert.False(string.IsNullOrEmpty(session));
        var me = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        me.Headers.Add("Cookie", $"fastapiusersauth={session}");
        Assert.Equal(HttpStatusCode.OK, (await Client().SendAsync(me)).StatusCode);
    }

    [SkippableFact]
    public async Task AProviderThatIsDown_Answers502_InTheErrorShape()
    {
        var response = await Client().GetAsync("/auth/down/authorize");

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, "OAUTH_PROVIDER_UNAVAILABLE");
    }

    [SkippableFact]
    public async Task AProviderThatNeverAnswers_Answers504_WithinTheTimeout()
    {
        var started = Stopwatch.GetTimestamp();

        var response = await Client().GetAsync("/auth/slow/authorize");

        await response.AssertProblemAsync(HttpStatusCode.GatewayTimeout, "OAUTH_PROVIDER_TIMEOUT");
        Assert.InRange(Stopwatch.GetElapsedTime(started), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10)); // OAuth:TimeoutSeconds is 2
    }

    [SkippableFact]
    public async Task TheCallbackOfAProviderThatIsDown_Answers502_AfterItsChecks()
    {
        var (url, csrf) = await AuthorizeAsync("/auth/oidc/authorize");
        var state = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["state"];

        // A state of this service is valid for every provider's callback; the down provider's token request fails.
        var response = await CallbackAsync(new Uri($"http://localhost/auth/down/callback?code=any&state={state}"), csrf);

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, "OAUTH_PROVIDER_UNAVAILABLE");
    }

    [SkippableFact]
    public async Task UnknownProviders_AreNotRoutes()
    {
        await (await Client().GetAsync("/auth/nosuch/authorize")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
    }
}
