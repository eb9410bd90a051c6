using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.OAuth;
using Users.Application.Settings;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Infrastructure.OAuth;

/// <summary>
/// The provider side of the OAuth routes: authorization URLs (with PKCE), the code exchange, and who signed in (an
/// OpenID Connect provider's validated ID token and user info, or a plain OAuth2 provider's user info read through the
/// configured member names). Every call goes through the providers' <see cref="HttpClient"/> with its timeout; a
/// provider that is down or answers nonsense is a 502, one that is slow a 504, one that refuses a 400 with its code.
/// </summary>
public sealed partial class OAuthProviderClient(
    IHttpClientFactory httpClients,
    OpenIdConnectDiscovery discovery,
    OpenIdConnectIdTokens idTokens,
    IOptions<OAuthOptions> options,
    TimeProvider time,
    ILogger<OAuthProviderClient> logger) : IOAuthProviderClient
{
    public const string HttpClientName = "oauth-providers";

    public Task<Result<Uri>> AuthorizationUrlAsync(string provider, OAuthAuthorizationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync(provider, async () =>
        {
            var endpoints = await discovery.EndpointsAsync(provider, cancellationToken);
            var parameters = new List<KeyValuePair<string, string>>
            {
                new("response_type", "code"),
                new("client_id", Settings(provider).ClientId!),
                new("redirect_uri", request.RedirectUri.AbsoluteUri),
                new("state", request.State),
                new("code_challenge", request.CodeChallenge),
                new("code_challenge_method", "S256"),
            };
            if (request.Scopes.Count > 0)
            {
                parameters.Add(new("scope", string.Join(' ', request.Scopes)));
            }

            return WithQuery(endpoints.Authorize, parameters);
        }, cancellationToken);
    }

    public Task<Result<OAuthProviderAccount>> ExchangeAsync(string provider, OAuthCodeExchange exchange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return CallAsync(provider, async () =>
        {
            var settings = Settings(provider);
            var endpoints = await discovery.EndpointsAsync(provider, cancellationToken);
            var tokens = await RequestTokensAsync(settings, endpoints, exchange, cancellationToken);
            var expiresAt = tokens.ExpiresIn is > 0 and < int.MaxValue ? time.GetUtcNow().AddSeconds(tokens.ExpiresIn.Value) : (DateTimeOffset?)null;
            var providerTokens = new ProviderTokens(tokens.AccessToken, expiresAt, tokens.RefreshToken);

            var userInfo = endpoints.UserInfo is { } address ? await GetUserInfoAsync(address, tokens.AccessToken, cancellationToken) : (JsonElement?)null;
            if (endpoints.OpenIdConnect is { } openIdConnect)
            {
                JsonElement? idToken = tokens.IdToken is { } raw ? await idTokens.ValidateAsync(provider, settings, openIdConnect, raw) : null;
                return OpenIdConnectAccount(idToken, userInfo, providerTokens);
            }

            var info = userInfo ?? throw new ProviderCallException("The provider has no user-info endpoint.");
            var accountId = ProviderJson.Id(info, settings.IdClaim)
                ?? throw new ProviderCallException($"The provider's user info has no '{settings.IdClaim}'.");
            return new OAuthProviderAccount(
                accountId, ProviderJson.String(info, settings.EmailClaim), ProviderJson.IsTrue(info, settings.EmailVerifiedClaim), providerTokens);
        }, cancellationToken);
    }

    // The ID token proves who signed in; the user info, asked with the access token, holds the claims (it must be about
    // the same subject, OpenID Connect Core 5.3.2).
    private static OAuthProviderAccount OpenIdConnectAccount(JsonElement? idToken, JsonElement? userInfo, ProviderTokens tokens)
    {
        var subject = idToken is { } id ? ProviderJson.String(id, "sub") : null;
        var infoSubject = userInfo is { } info ? ProviderJson.String(info, "sub") : null;
        if (subject is not null && infoSubject is not null && !string.Equals(subject, infoSubject, StringComparison.Ordinal))
        {
            throw new ProviderCallException("The provider's user info is about another subject than its ID token.");
        }

        // The user info's claims first, the ID token's where it has none.
        string? Email(JsonElement? claims) => claims is { } c ? ProviderJson.String(c, "email") : null;
        bool Verified(JsonElement? claims) => claims is { } c && ProviderJson.IsTrue(c, "email_verified");
        var accountId = subject ?? infoSubject ?? throw new ProviderCallException("The provider named no subject.");
        return new OAuthProviderAccount(accountId, Email(userInfo) ?? Email(idToken), Verified(userInfo) || Verified(idToken), tokens);
    }

    private async Task<ProviderTokenResponse> RequestTokensAsync(
        OAuthProviderOptions settings, ProviderEndpoints endpoints, OAuthCodeExchange exchange, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "authorization_code",
            ["code"] = exchange.Code,
            ["redirect_uri"] = exchange.RedirectUri.AbsoluteUri,
            ["code_verifier"] = exchange.CodeVerifier,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoints.Token);
        if (string.IsNullOrEmpty(settings.ClientSecret))
        {
            form["client_id"] = settings.ClientId!; // a public client: PKCE alone
        }
        else if (UsesBasicAuthentication(settings, endpoints))
        {
            // RFC 6749 section 2.3.1: each part form-encoded before the Base64.
            var credentials = $"{Uri.EscapeDataString(settings.ClientId!)}:{Uri.EscapeDataString(settings.ClientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }
        else
        {
            form["client_id"] = settings.ClientId!;
            form["client_secret"] = settings.ClientSecret;
        }

        request.Content = new FormUrlEncodedContent(form);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json")); // GitHub answers a form otherwise
        using var response = await Client().SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if ((int)response.StatusCode is >= 400 and < 500)
        {
            throw new ProviderCallException($"The token endpoint refused the code ({(int)response.StatusCode}).", ErrorCodeIn(body) ?? "invalid_grant");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The token endpoint answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        return ProviderTokenResponse.Parse(body);
    }

    private async Task<JsonElement> GetUserInfoAsync(Uri address, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Users", "1.0")); // GitHub refuses requests without one
        using var response = await Client().SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The user-info endpoint answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.Clone();
    }

    private async Task<Result<T>> CallAsync<T>(string provider, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (ProviderCallException exception) when (exception.ProviderError is { } code)
        {
            LogRefused(provider, code);
            return OAuthErrors.Provider(code);
        }
        catch (Exception exception) when (exception is TaskCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(provider);
            return OAuthErrors.ProviderTimeout;
        }
        catch (Exception exception) when (exception is HttpRequestException or ProviderCallException or JsonException)
        {
            // The message says what failed; no token, code or body is in it.
            LogUnavailable(provider, exception.Message);
            return OAuthErrors.ProviderUnavailable;
        }
    }

    private OAuthProviderOptions Settings(string provider) => options.Value.Providers[provider];

    private HttpClient Client() => httpClients.CreateClient(HttpClientName);

    private static bool UsesBasicAuthentication(OAuthProviderOptions settings, ProviderEndpoints endpoints) =>
        settings.ClientAuthentication switch
        {
            "client_secret_basic" => true,
            "client_secret_post" => false,
            _ => endpoints.OpenIdConnect is { } oidc
                && (oidc.TokenEndpointAuthMethodsSupported.Count == 0 || oidc.TokenEndpointAuthMethodsSupported.Contains("client_secret_basic")),
        };

    private static string? ErrorCodeIn(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return ProviderJson.String(document.RootElement, "error");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Uri WithQuery(Uri endpoint, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var query = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var separator = string.IsNullOrEmpty(endpoint.Query) ? "?" : "&";
        return new Uri(endpoint.AbsoluteUri + separator + query);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OAuth provider {Provider} refused the sign-in: {ProviderError}")]
    private partial void LogRefused(string provider, string providerError);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth provider {Provider} did not answer in time")]
    private partial void LogTimedOut(string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth provider {Provider} could not be used: {Failure}")]
    private partial void LogUnavailable(string provider, string failure);
}
