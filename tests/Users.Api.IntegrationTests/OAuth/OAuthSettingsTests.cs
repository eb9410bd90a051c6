using Users.Api.Authentication.Backends;
using Users.Api.Authentication.OAuth;
using Users.Application.Settings;

namespace Users.Api.IntegrationTests.OAuth;

/// <summary>A provider that cannot work stops the start-up with a sentence naming its setting.</summary>
public sealed class OAuthSettingsTests
{
    private static readonly OAuthOptionsValidator Validator = new(new AuthBackendRegistry(AuthBackendsConfiguration.Defaults));

    private static OAuthProviderOptions Good() => new() { ClientId = "client", ClientSecret = "secret", Authority = "https://accounts.example.com" };

    private static IEnumerable<string> Failures(OAuthProviderOptions provider, string name = "google", int timeout = 10)
    {
        var result = Validator.Validate(null, new OAuthOptions { TimeoutSeconds = timeout, Providers = { [name] = provider } });
        return result.Failures ?? [];
    }

    [Fact]
    public void AGoodProvider_Passes()
    {
        Assert.Empty(Failures(Good()));
        Assert.Empty(Failures(new OAuthProviderOptions
        {
            ClientId = "client",
            AuthorizeEndpoint = "https://github.com/login/oauth/authorize",
            TokenEndpoint = "https://github.com/login/oauth/access_token",
            UserInfoEndpoint = "https://api.github.com/user",
        }, "github"));
        Assert.Empty(Failures(Good(), "local-dev_2"));
    }

    public static TheoryData<string, Func<OAuthProviderOptions, OAuthProviderOptions>, string> Broken => new()
    {
        { "google", p => { p.ClientId = " "; return p; }, "OAuth:Providers:google:ClientId is required." },
        { "Google", p => p, "OAuth:Providers:Google: the provider name 'Google' must be 1 to 63 lower-case letters" },
        { "google", p => { p.Authority = "accounts.example.com"; return p; }, "OAuth:Providers:google:Authority is 'accounts.example.com', which is not an absolute https URL." },
        { "google", p => { p.Authority = "http://accounts.example.com"; return p; }, "plain http is allowed only to a loopback address" },
        { "google", p => { p.TokenEndpoint = "https://x.example.com/token"; return p; }, "set either Authority (OpenID Connect discovery) or AuthorizeEndpoint" },
        { "google", p => { p.Authority = null; p.AuthorizeEndpoint = "https://x.example.com/a"; return p; }, "OAuth:Providers:google:TokenEndpoint is required without Authority" },
        { "google", p => { p.Backend = "nosuch"; return p; }, "OAuth:Providers:google:Backend is 'nosuch', which is not a configured backend (jwt, cookie)." },
        { "google", p => { p.RedirectUrl = "https://app.example.com/done"; return p; }, "OAuth:Providers:google:RedirectUrl needs a cookie backend" },
        { "google", p => { p.Backend = "cookie"; p.RedirectUrl = "/relative"; return p; }, "OAuth:Providers:google:RedirectUrl must be an absolute http(s) URL" },
        { "google", p => { p.ClientAuthentication = "private_key_jwt"; return p; }, "OAuth:Providers:google:ClientAuthentication is 'private_key_jwt'" },
        { "google", p => { p.IdClaim = ""; return p; }, "IdClaim, EmailClaim and EmailVerifiedClaim must not be empty" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void ABrokenProvider_IsRefused_NamingTheSetting(string name, Func<OAuthProviderOptions, OAuthProviderOptions> breakIt, string expected) =>
        Assert.Contains(Failures(breakIt(Good()), name), f => f.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void AHttpAuthorityOnLoopback_IsAllowedForDevelopment() =>
        Assert.Empty(Failures(new OAuthProviderOptions { ClientId = "c", Authority = "http://127.0.0.1:8080" }));

    [Theory]
    [InlineData(0)]
    [InlineData(121)]
    public void ATimeoutOutOfRange_IsRefused(int seconds) =>
        Assert.Contains(Failures(Good(), timeout: seconds), f => f.StartsWith("OAuth:TimeoutSeconds", StringComparison.Ordinal));
}
