using System.Net;
using System.Text.RegularExpressions;

namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>
/// Plays the user's browser at the provider: follows its redirects with its cookies, fills its login page (the login
/// name is the account, see <c>tests/oidc-provider/provider.mjs</c>) and its consent page, and stops at the redirect
/// back to this service, which the test then calls itself (with the CSRF cookie it chose). Each sign-in starts with no
/// cookies at the provider, as a new browser would.
/// </summary>
public sealed partial class ProviderBrowser : IDisposable
{
    private const string ServiceOrigin = "http://localhost/";

    // A fresh cookie jar for each sign-in: the provider would otherwise remember the last account and sign it in again.
    private HttpClient _http = NewBrowser();

    /// <summary>The login name that stands for an account with these claims at the test provider.</summary>
    public static string Account(string name, string? email, bool emailVerified) => $"{name}~{email}~{(emailVerified ? 1 : 0)}";

    /// <summary>Signs in as <paramref name="account"/> and consents; returns where the provider sends the browser back.</summary>
    public async Task<Uri> SignInAsync(string authorizationUrl, string account)
    {
        Restart();
        var url = new Uri(authorizationUrl);
        for (var step = 0; step < 12; step++)
        {
            var response = await _http.GetAsync(url);
            if (IsRedirect(response))
            {
                url = new Uri(url, response.Headers.Location!);
                if (url.AbsoluteUri.StartsWith(ServiceOrigin, StringComparison.Ordinal))
                {
                    return url;
                }

                continue;
            }

            var page = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"The provider answered {(int)response.StatusCode} at {url}: {page}");
            var action = new Uri(url, FormAction().Match(page).Groups[1].Value);
            var form = page.Contains("name=\"login\"", StringComparison.Ordinal)
                ? new Dictionary<string, string> { ["prompt"] = "login", ["login"] = account, ["password"] = "any" }
                : new Dictionary<string, string> { ["prompt"] = "consent" };
            var submitted = await _http.PostAsync(action, new FormUrlEncodedContent(form));
            Assert.True(IsRedirect(submitted), $"The provider answered {(int)submitted.StatusCode} to the {form["prompt"]} form.");
            url = new Uri(action, submitted.Headers.Location!);
            if (url.AbsoluteUri.StartsWith(ServiceOrigin, StringComparison.Ordinal))
            {
                return url;
            }
        }

        throw new InvalidOperationException("The provider never sent the browser back.");
    }

    /// <summary>Opens the login page and aborts there; returns where the provider sends the browser back (with its error).</summary>
    public async Task<Uri> AbortAsync(string authorizationUrl)
    {
        Restart();
        var url = new Uri(authorizationUrl);
        var response = await _http.GetAsync(url);
        Assert.True(IsRedirect(response));
        var interaction = new Uri(url, response.Headers.Location!);
        url = new Uri(interaction.AbsoluteUri.TrimEnd('/') + "/abort");
        for (var step = 0; step < 6; step++)
        {
            response = await _http.GetAsync(url);
            Assert.True(IsRedirect(response), $"The provider answered {(int)response.StatusCode} at {url}.");
            url = new Uri(url, response.Headers.Location!);
            if (url.AbsoluteUri.StartsWith(ServiceOrigin, StringComparison.Ordinal))
            {
                return url;
            }
        }

        throw new InvalidOperationException("The provider never sent the browser back.");
    }

    public void Dispose() => _http.Dispose();

    private static HttpClient NewBrowser() => new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

    private void Restart()
    {
        _http.Dispose();
        _http = NewBrowser();
    }

    private static bool IsRedirect(HttpResponseMessage response) => (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is not null;

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex FormAction();
}
