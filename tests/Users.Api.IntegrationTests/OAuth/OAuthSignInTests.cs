using System.Net;
using System.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Application.Abstractions.OAuth;
using Users.Domain.Users;
using Users.Infrastructure.OAuth;
using Users.Infrastructure.Persistence;

namespace Users.Api.IntegrationTests.OAuth;

/// <summary>Sign-in through a real OpenID Connect provider: the authorize answer, new and returning users, linking by email.</summary>
public abstract class OAuthSignInTests(ApiFixture fixture, OidcProviderServer provider) : OAuthTestBase(fixture, provider)
{
    [SkippableFact]
    public async Task Authorize_Answers200WithTheAuthorizationUrl_AndSetsTheCsrfCookie()
    {
        var response = await Client().GetAsync("/auth/oidc/authorize?scopes=openid&scopes=email");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var url = new Uri((await response.JsonAsync()).GetProperty("authorization_url").GetString()!);
        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.StartsWith(Provider.Issuer + "/auth?", url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(OidcProviderServer.BasicClientId, query["client_id"]);
        Assert.Equal("http://localhost/auth/oidc/callback", query["redirect_uri"]);
        Assert.Equal("openid email", query["scope"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", query["code_challenge"]);
        Assert.Equal(3, query["state"]!.Split('.').Length);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("fastapiusersoauthcsrf=", StringComparison.Ordinal));
        Assert.Matches("^fastapiusersoauthcsrf=[A-Za-z0-9_-]{43};", cookie);
        Assert.Contains("max-age=3600", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task Authorize_WithoutScopes_AsksForTheConfiguredDefaults()
    {
        var (url, _) = await AuthorizeAsync("/auth/oidc/authorize");

        Assert.Equal("openid email profile", HttpUtility.ParseQueryString(new Uri(url).Query)["scope"]);
    }

    [SkippableFact]
    public async Task ANewAccount_CreatesAnActiveUser_SignsItIn_AndStoresTheProviderTokensEncrypted()
    {
        var email = NewEmail("oauth-new");
        var account = NewAccount(email, verified: false);

        var response = await SignInAsync("oidc", account);

        var token = await AccessTokenOfAsync(response);
        Assert.Equal(string.Empty, CookieValue(response, "fastapiusersoauthcsrf")); // the flow is over: its cookie is cleared
        var me = await (await Client(token).GetAsync("/users/me")).JsonAsync();
        HttpAssertions.AssertUserRead(me, email, verified: true); // the oidc provider: IsVerifiedByDefault
        var user = await StoredUserAsync(email);
        var stored = Assert.Single(await StoredAccountsAsync(user!.Id));
        Assert.Equal(("oidc", account, email), (stored.OAuthName, stored.AccountId, stored.AccountEmail));
        await using var scope = Service.Services.CreateAsyncScope();
        var clear = scope.ServiceProvider.GetRequiredService<IProviderTokenProtector>().Unprotect(new ProviderTokens(stored.AccessToken, null, stored.RefreshToken));
        Assert.NotEqual(stored.AccessToken, clear.AccessToken); // stored sealed, and the seal opens
        Assert.False(string.IsNullOrWhiteSpace(clear.AccessToken));
        Assert.NotNull(stored.ExpiresAt);

        // The keys that seal them are in the database too, themselves sealed under a key derived from the secret.
        var keys = await scope.ServiceProvider.GetRequiredService<UsersDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains(nameof(SecretXmlDecryptor), k.Xml, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task ANewAccount_AtAProviderWithoutVerifiedDefault_StartsUnverified()
    {
        var email = NewEmail("oauth-strict");

        var token = await AccessTokenOfAsync(await SignInAsync("strict", NewAccount(email, verified: true)));

        HttpAssertions.AssertUserRead(await (await Client(token).GetAsync("/users/me")).JsonAsync(), email, verified: false);
    }

    [SkippableFact]
    public async Task AReturningAccount_SignsTheSameUserIn_AndItsTokensAreReplaced()
    {
        var email = NewEmail("oauth-back");
        var account = NewAccount(email, verified: true);
        var first = await AccessTokenOfAsync(await SignInAsync("oidc", account));
        var user = await StoredUserAsync(email);
        var before = Assert.Single(await StoredAccountsAsync(user!.Id));

        var second = await AccessTokenOfAsync(await SignInAsync("oidc", account));

        var me = await (await Client(second).GetAsync("/users/me")).JsonAsync();
        Assert.Equal(user.Id.ToString(), me.GetProperty("id").GetString());
        Assert.NotEqual(first, second);
        var after = Assert.Single(await StoredAccountsAsync(user.Id));
        Assert.Equal(before.Id, after.Id);
        Assert.NotEqual(before.AccessToken, after.AccessToken);
        Assert.True(after.UpdatedAt >= before.UpdatedAt);
    }

    [SkippableFact]
    public async Task ATakenAddress_WithoutAssociationByEmail_IsUserAlreadyExists()
    {
        var (existing, _) = await CreateUserAsync();

        var response = await SignInAsync("strict", NewAccount(existing.Email, verified: true));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "OAUTH_USER_ALREADY_EXISTS");
        Assert.Empty(await StoredAccountsAsync(existing.Id));
    }

    [SkippableFact]
    public async Task ATakenAddress_WithAssociationByEmail_VerifiedByTheProvider_SignsTheExistingUserIn()
    {
        var (existing, _) = await CreateUserAsync();

        var token = await AccessTokenOfAsync(await SignInAsync("oidc", NewAccount(existing.Email.ToUpperInvariant(), verified: true)));

        var me = await (await Client(token).GetAsync("/users/me")).JsonAsync();
        Assert.Equal(existing.Id.ToString(), me.GetProperty("id").GetString());
        Assert.Single(await StoredAccountsAsync(existing.Id));
    }

    [SkippableFact]
    public async Task ATakenAddress_WithAssociationByEmail_NotVerifiedByTheProvider_IsEmailNotVerified()
    {
        var (existing, _) = await CreateUserAsync();

        var response = await SignInAsync("oidc", NewAccount(existing.Email, verified: false));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "OAUTH_EMAIL_NOT_VERIFIED");
        Assert.Empty(await StoredAccountsAsync(existing.Id));
    }

    [SkippableFact]
    public async Task AnAccountWithoutAnAddress_IsNotAvailableEmail()
    {
        var response = await SignInAsync("oidc", NewAccount(email: null, verified: false));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "OAUTH_NOT_AVAILABLE_EMAIL");
    }

    [SkippableFact]
    public async Task AnInactiveUser_IsBadCredentials()
    {
        var (inactive, _) = await CreateUserAsync(active: false);

        var response = await SignInAsync("oidc", NewAccount(inactive.Email, verified: true));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "LOGIN_BAD_CREDENTIALS");
    }

    [SkippableFact]
    public async Task TheSameNewAccountTwiceAtOnce_MakesOneUserAndOneLink_AndSignsBothIn()
    {
        var email = NewEmail("oauth-race");
        var account = NewAccount(email, verified: true);
        using var otherBrowser = new ProviderBrowser();
        var (url1, csrf1) = await AuthorizeAsync("/auth/oidc/authorize");
        var (url2, csrf2) = await AuthorizeAsync("/auth/oidc/authorize");
        var back1 = await Browser.SignInAsync(url1, account);
        var back2 = await otherBrowser.SignInAsync(url2, account);

        var responses = await Task.WhenAll(CallbackAsync(back1, csrf1), CallbackAsync(back2, csrf2));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var user = await StoredUserAsync(email);
        Assert.Single(await StoredAccountsAsync(user!.Id));
    }
}

public sealed class OAuthSignInSqliteTests(SqliteApiFixture fixture, OidcProviderServer provider)
    : OAuthSignInTests(fixture, provider), IClassFixture<SqliteApiFixture>, IClassFixture<OidcProviderServer>;

public sealed class OAuthSignInPostgresTests(PostgresApiFixture fixture, OidcProviderServer provider)
    : OAuthSignInTests(fixture, provider), IClassFixture<PostgresApiFixture>, IClassFixture<OidcProviderServer>;
