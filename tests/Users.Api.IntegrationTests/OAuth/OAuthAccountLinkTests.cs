using System.Net;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.OAuth;

/// <summary>Linking a provider account to the signed-in user, listing and unlinking linked accounts, and what a deletion takes along.</summary>
public abstract class OAuthAccountLinkTests(ApiFixture fixture, OidcProviderServer provider) : OAuthTestBase(fixture, provider)
{
    private async Task<HttpResponseMessage> AssociateAsync(string token, string account)
    {
        var (url, csrf) = await AuthorizeAsync("/auth/associate/oidc/authorize", token);
        return await CallbackAsync(await Browser.SignInAsync(url, account), csrf, token);
    }

    private async Task<string> TokenOfNewUserAsync()
    {
        var (user, _) = await CreateUserAsync();
        return await TokenAsync(user.Email);
    }

    [SkippableFact]
    public async Task Associate_LinksTheAccountToTheCaller_AndAnswersTheUser_ThenTheAccountSignsThemIn()
    {
        var (user, _) = await CreateUserAsync();
        var token = await TokenAsync(user.Email);
        var account = NewAccount(NewEmail("other-address"), verified: false);

        var response = await AssociateAsync(token, account);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpAssertions.AssertUserRead(await response.JsonAsync(), user.Email);
        var signedIn = await AccessTokenOfAsync(await SignInAsync("oidc", account));
        var me = await (await Client(signedIn).GetAsync("/users/me")).JsonAsync();
        Assert.Equal(user.Id.ToString(), me.GetProperty("id").GetString());
    }

    [SkippableFact]
    public async Task Associate_Authorize_PutsTheCallerInTheState_AndNeedsAnActiveUser()
    {
        var (user, _) = await CreateUserAsync();
        var (url, _) = await AuthorizeAsync("/auth/associate/oidc/authorize", await TokenAsync(user.Email));
        var state = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["state"]!;
        var payload = System.Text.Json.JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(state.Split('.')[1])).RootElement;

        Assert.Equal(user.Id.ToString(), payload.GetProperty("sub").GetString());
        Assert.Equal("http://localhost/auth/associate/oidc/callback", System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["redirect_uri"]);
        await (await Client().GetAsync("/auth/associate/oidc/authorize")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task Associate_WithAStateIssuedToAnotherUser_IsABareBadRequest()
    {
        var victim = await TokenOfNewUserAsync();
        var attacker = await TokenOfNewUserAsync();
        var (url, csrf) = await AuthorizeAsync("/auth/associate/oidc/authorize", attacker);
        var back = await Browser.SignInAsync(url, NewAccount(NewEmail("attacker"), verified: true));

        var response = await CallbackAsync(back, csrf, victim);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Bad Request");
    }

    [SkippableFact]
    public async Task Associate_AnAccountLinkedToAnotherUser_IsAlreadyLinked()
    {
        var account = NewAccount(NewEmail("shared"), verified: true);
        Assert.Equal(HttpStatusCode.OK, (await AssociateAsync(await TokenOfNewUserAsync(), account)).StatusCode);

        var response = await AssociateAsync(await TokenOfNewUserAsync(), account);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "OAUTH_ACCOUNT_ALREADY_LINKED");
    }

    [SkippableFact]
    public async Task Associate_Callback_NeedsAnActiveUser()
    {
        var (url, csrf) = await AuthorizeAsync("/auth/associate/oidc/authorize", await TokenOfNewUserAsync());
        var back = await Browser.SignInAsync(url, NewAccount(NewEmail("anon"), verified: true));

        await (await CallbackAsync(back, csrf)).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task List_ShowsTheCallersAccountsWithoutTokens_AndUnlink_RemovesOne()
    {
        var token = await TokenOfNewUserAsync();
        var email = NewEmail("listed");
        var account = NewAccount(email, verified: true);
        await AssociateAsync(token, account);
        await AssociateAsync(token, NewAccount(NewEmail("second"), verified: true));

        var list = await (await Client(token).GetAsync("/users/me/oauth-accounts")).JsonAsync();

        Assert.Equal(2, list.GetArrayLength());
        var first = list[0];
        Assert.Equal(["account_email", "account_id", "id", "oauth_name"], first.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(("oidc", account, email), (first.GetProperty("oauth_name").GetString(), first.GetProperty("account_id").GetString(), first.GetProperty("account_email").GetString()));

        var unlinked = await Client(token).DeleteAsync($"/users/me/oauth-accounts/{first.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.NoContent, unlinked.StatusCode);
        Assert.Equal(1, (await (await Client(token).GetAsync("/users/me/oauth-accounts")).JsonAsync()).GetArrayLength());
        await (await Client(token).DeleteAsync($"/users/me/oauth-accounts/{first.GetProperty("id").GetString()}")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
        // Unlinked, the account no longer signs this user in: it is a new account again (its address is free: a new user).
        var callerId = (await (await Client(token).GetAsync("/users/me")).JsonAsync()).GetProperty("id").GetString();
        var signedIn = await AccessTokenOfAsync(await SignInAsync("oidc", account));
        Assert.NotEqual(callerId, (await (await Client(signedIn).GetAsync("/users/me")).JsonAsync()).GetProperty("id").GetString());
    }

    [SkippableFact]
    public async Task Unlink_AnotherUsersAccount_IsNotFound_AndKeepsIt()
    {
        var owner = await TokenOfNewUserAsync();
        await AssociateAsync(owner, NewAccount(NewEmail("owned"), verified: true));
        var id = (await (await Client(owner).GetAsync("/users/me/oauth-accounts")).JsonAsync())[0].GetProperty("id").GetString();

        var response = await Client(await TokenOfNewUserAsync()).DeleteAsync($"/users/me/oauth-accounts/{id}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");
        Assert.Equal(1, (await (await Client(owner).GetAsync("/users/me/oauth-accounts")).JsonAsync()).GetArrayLength());
    }

    [SkippableTheory]
    [InlineData("not-a-uuid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task Unlink_AnIdThatIsNoAccount_IsNotFound(string id) =>
        await (await Client(await TokenOfNewUserAsync()).DeleteAsync($"/users/me/oauth-accounts/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "Not Found");

    [SkippableFact]
    public async Task ListAndUnlink_NeedAnActiveUser()
    {
        await (await Client().GetAsync("/users/me/oauth-accounts")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
        await (await Client().DeleteAsync($"/users/me/oauth-accounts/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [SkippableFact]
    public async Task DeletingAUser_DeletesItsLinkedAccounts()
    {
        var email = NewEmail("deleted");
        await AccessTokenOfAsync(await SignInAsync("oidc", NewAccount(email, verified: true)));
        var user = await StoredUserAsync(email);
        var (_, admin) = await CreateUserAsync(superuser: true);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/users/{user!.Id}")).StatusCode);

        Assert.Empty(await StoredAccountsAsync(user.Id));
    }

    [SkippableFact]
    public async Task LinkingAndUnlinking_AreInTheAuditTrail()
    {
        var token = await TokenOfNewUserAsync();
        await AssociateAsync(token, NewAccount(NewEmail("audited"), verified: true));
        var id = (await (await Client(token).GetAsync("/users/me/oauth-accounts")).JsonAsync())[0].GetProperty("id").GetString();
        await Client(token).DeleteAsync($"/users/me/oauth-accounts/{id}");

        var types = (await (await Client(token).GetAsync("/users/me/audit")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()).ToList();

        Assert.Equal(1, types.Count(t => t == "oauth_linked"));
        Assert.Equal(1, types.Count(t => t == "oauth_unlinked"));
    }
}

public sealed class OAuthAccountLinkSqliteTests(SqliteApiFixture fixture, OidcProviderServer provider)
    : OAuthAccountLinkTests(fixture, provider), IClassFixture<SqliteApiFixture>, IClassFixture<OidcProviderServer>;

public sealed class OAuthAccountLinkPostgresTests(PostgresApiFixture fixture, OidcProviderServer provider)
    : OAuthAccountLinkTests(fixture, provider), IClassFixture<PostgresApiFixture>, IClassFixture<OidcProviderServer>;
