using Users.Domain.Common;

namespace Users.Application.Abstractions.OAuth;

/// <summary>
/// Talks to the configured OAuth2 / OpenID Connect providers. A provider that is down, slow or answering nonsense gives a
/// failed result (502 / 504 errors), never an exception.
/// </summary>
public interface IOAuthProviderClient
{
    /// <summary>The provider's authorization URL for <paramref name="request"/> (OpenID Connect providers: after discovery).</summary>
    Task<Result<Uri>> AuthorizationUrlAsync(string provider, OAuthAuthorizationRequest request, CancellationToken cancellationToken);

    /// <summary>Exchanges the callback's code for tokens and asks the provider who signed in.</summary>
    Task<Result<OAuthProviderAccount>> ExchangeAsync(string provider, OAuthCodeExchange exchange, CancellationToken cancellationToken);
}
