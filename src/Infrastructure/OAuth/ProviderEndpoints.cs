using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Users.Infrastructure.OAuth;

/// <summary>
/// Where a provider is called: from its configuration (plain OAuth2) or its discovery document (OpenID Connect, which
/// also gives the issuer and keys its ID tokens are checked against).
/// </summary>
internal sealed record ProviderEndpoints(Uri Authorize, Uri Token, Uri? UserInfo, OpenIdConnectConfiguration? OpenIdConnect);
