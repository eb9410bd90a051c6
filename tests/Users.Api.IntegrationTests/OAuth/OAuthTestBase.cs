using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Domain.Users;
using Users.Infrastructure.Persistence;

namespace Users.Api.IntegrationTests.OAuth;

/// <summary>
/// The service with providers on the test's real OpenID Connect provider: <c>oidc</c> (discovery, association by email,
/// new users verified), <c>strict</c> (discovery, neither), <c>plain</c> (the same provider as plain OAuth2: explicit
/// endpoints, secret in the form), <c>web</c> (the cookie backend and a redirect after the callback), <c>down</c> (nothing
/// listens) and <c>slow</c> (a listener that never answers). Each test signs in accounts of its own.
/// </summary>
public abstract class OAuthTestBase : ApiTestBase, IAsyncLifetime
{
    public const string WebRedirect = "https://app.example.com/signed-in";

    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);
    private WebApplicationFactory<Program>? _service;

    protected OAuthTestBase(ApiFixture fixture, OidcProviderServer provider)
        : base(fixture)
    {
        provider.SkipIfUnavailable();
        Provider = provider;
    }

    protected OidcProviderServer Provider { get; }

    protected ProviderBrowser Browser { get; } = new();

    /// <summary>The service with the providers above (over the fixture's database).</summary>
    protected WebApplicationFactory<Program> Service => _service ?? throw new InvalidOperationException("not started");

    public Task InitializeAsync()
    {
        _silent.Start();
        var silentPort = ((IPEndPoint)_silent.LocalEndpoint).Port;
        _service = Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("OAuth:TimeoutSeconds", "2");
            Discovery(b, "oidc", OidcProviderServer.BasicClientId);
            b.UseSetting("OAuth:Providers:oidc:AssociateByEmail", "true");
            b.UseSetting("OAuth:Providers:oidc:IsVerifiedByDefault", "true");
            Discovery(b, "strict", OidcProviderServer.BasicClientId);
            Discovery(b, "web", OidcProviderServer.BasicClientId);
            b.UseSetting("OAuth:Providers:web:Backend", "cookie");
            b.UseSetting("OAuth:Providers:web:RedirectUrl", WebRedirect);
            b.UseSetting("OAuth:Providers:plain:ClientId", OidcProviderServer.PostClientId);
            b.UseSetting("OAuth:Providers:plain:ClientSecret", OidcProviderServer.ClientSecret);
            b.UseSetting("OAuth:Providers:plain:AuthorizeEndpoint", Provider.Issuer + "/auth");
            b.UseSetting("OAuth:Providers:plain:TokenEndpoint", Provider.Issuer + "/token");
            b.UseSetting("OAuth:Providers:plain:UserInfoEndpoint", Provider.Issuer + "/me");
            b.UseSetting("OAuth:Providers:plain:Scopes", "openid email");
            b.UseSetting("OAuth:Providers:plain:IdClaim", "sub");
            b.UseSetting("OAuth:Providers:plain:ClientAuthentication", "client_secret_post");
            b.UseSetting("OAuth:Providers:down:ClientId", "nobody");
            b.UseSetting("OAuth:Providers:down:Authority", $"http://127.0.0.1:{TestServerProcesses.FreePort()}");
            b.UseSetting("OAuth:Providers:slow:ClientId", "nobody");
            b.UseSetting("OAuth:Providers:slow:Authority", $"http://127.0.0.1:{silentPort}");
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Browser.Dispose();
        _silent.Stop();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    /// <summary>A client of <see cref="Service"/> that keeps no cookies and follows no redirects: each test sends what it means to.</summary>
    protected HttpClient Client(string? token = null)
    {
        var client = Service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Calls an authorize route; returns the provider URL and the CSRF cookie's value.</summary>
    protected async Task<(string AuthorizationUrl, string Csrf)> AuthorizeAsync(string path, string? token = null)
    {
        var response = await Client(token).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var url = (await response.JsonAsync()).GetProperty("authorization_url").GetString()!;
        return (url, CookieValue(response, "fastapiusersoauthcsrf")!);
    }

    /// <summary>Calls the service where the provider sent the browser, with <paramref name="csrf"/> as the CSRF cookie.</summary>
    protected Task<HttpResponseMessage> CallbackAsync(Uri back, string? csrf, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, back.PathAndQuery);
        if (csrf is not null)
        {
            request.Headers.Add("Cookie", $"fastapiusersoauthcsrf={csrf}");
        }

        return Client(token).SendAsync(request);
    }

    /// <summary>The whole sign-in at <paramref name="provider"/> as <paramref name="account"/>: authorize, the provider's pages, the callback.</summary>
    protected async Task<HttpResponseMessage> SignInAsync(string provider, string account)
    {
        var (url, csrf) = await AuthorizeAsync($"/auth/{provider}/authorize");
        return await CallbackAsync(await Browser.SignInAsync(url, account), csrf);
    }

    protected static async Task<string> AccessTokenOfAsync(HttpResponseMessage signIn)
    {
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        return (await signIn.JsonAsync()).GetProperty("access_token").GetString()!;
    }

    protected static string NewAccount(string? email, bool verified) => ProviderBrowser.Account($"acct-{Guid.NewGuid():N}", email, verified);

    protected async Task<List<OAuthAccount>> StoredAccountsAsync(Guid userId)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UsersDbContext>().Set<OAuthAccount>().AsNoTracking().Where(a => a.UserId == userId).ToListAsync();
    }

    protected async Task<User?> StoredUserAsync(string normalizedEmail)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UsersDbContext>().Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail);
    }

    protected static string? CookieValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Where(c => c.StartsWith(name + "=", StringComparison.Ordinal)).Select(c => c[(name.Length + 1)..].Split(';')[0]).FirstOrDefault()
            : null;

    private void Discovery(IWebHostBuilder builder, string name, string clientId)
    {
        builder.UseSetting($"OAuth:Providers:{name}:ClientId", clientId);
        builder.UseSetting($"OAuth:Providers:{name}:ClientSecret", OidcProviderServer.ClientSecret);
        builder.UseSetting($"OAuth:Providers:{name}:Authority", Provider.Issuer);
    }
}
