using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Users.Application.Settings;

namespace Users.Infrastructure.OAuth;

/// <summary>
/// Each provider's endpoints: configured ones as they are; an OpenID Connect provider's from its discovery document and
/// keys, fetched through IdentityModel's configuration manager (cached, refreshed in the background, at most one fetch at
/// a time), over the providers' <see cref="System.Net.Http.HttpClient"/>.
/// </summary>
public sealed class OpenIdConnectDiscovery(IHttpClientFactory httpClients, IOptions<OAuthOptions> options)
{
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new(StringComparer.Ordinal);

    internal async Task<ProviderEndpoints> EndpointsAsync(string provider, CancellationToken cancellationToken)
    {
        var settings = options.Value.Providers[provider];
        if (!settings.IsOpenIdConnect)
        {
            return new ProviderEndpoints(
                new Uri(settings.AuthorizeEndpoint!), new Uri(settings.TokenEndpoint!), new Uri(settings.UserInfoEndpoint!), OpenIdConnect: null);
        }

        var manager = _managers.GetOrAdd(provider, _ => NewManager(settings.Authority!));
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await manager.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException exception) when (exception.InnerException is { } cause)
        {
            // IdentityModel wraps every fetch failure; the cause says whether the provider was down or slow.
            throw cause is HttpRequestException or TaskCanceledException or TimeoutException
                ? cause
                : new ProviderCallException("The provider's discovery document could not be read.", exception);
        }

        if (string.IsNullOrEmpty(configuration.AuthorizationEndpoint) || string.IsNullOrEmpty(configuration.TokenEndpoint))
        {
            throw new ProviderCallException("The provider's discovery document names no authorization or token endpoint.");
        }

        return new ProviderEndpoints(
            new Uri(configuration.AuthorizationEndpoint),
            new Uri(configuration.TokenEndpoint),
            string.IsNullOrEmpty(configuration.UserInfoEndpoint) ? null : new Uri(configuration.UserInfoEndpoint),
            configuration);
    }

    /// <summary>Asks for the discovery document and keys again at the next use (an ID token signed with an unknown key).</summary>
    internal void Refresh(string provider)
    {
        if (_managers.TryGetValue(provider, out var manager))
        {
            manager.RequestRefresh();
        }
    }

    private ConfigurationManager<OpenIdConnectConfiguration> NewManager(string authority)
    {
        var address = authority.TrimEnd('/') + "/.well-known/openid-configuration";

        // https is enforced by the settings' validation (plain http only to a loopback address, for development).
        return new ConfigurationManager<OpenIdConnectConfiguration>(
            address, new OpenIdConnectConfigurationRetriever(), new FactoryDocumentRetriever(httpClients));
    }

    // Fetches through the factory's client for providers (timeout, handler lifetime), never a client of its own.
    private sealed class FactoryDocumentRetriever(IHttpClientFactory httpClients) : IDocumentRetriever
    {
        public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            using var response = await httpClients.CreateClient(OAuthProviderClient.HttpClientName).GetAsync(new Uri(address), cancel);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"The provider answered {(int)response.StatusCode} for {address}.", null, response.StatusCode);
            }

            return await response.Content.ReadAsStringAsync(cancel);
        }
    }
}
