using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Users.Application.Settings;
using Users.Infrastructure.Security;

namespace Users.Infrastructure.OAuth;

/// <summary>
/// Checks an OpenID Connect ID token as Core 3.1.3.7 asks: signed with one of the issuer's published keys, issued by the
/// discovered issuer, for this client, unexpired (with the contract's skew). An ID token signed with a key the cached
/// discovery does not know asks for the keys again at the next sign-in (the provider rotated them).
/// </summary>
public sealed class OpenIdConnectIdTokens(OpenIdConnectDiscovery discovery, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>The ID token's claims when it is valid; throws <see cref="ProviderCallException"/> when it is not.</summary>
    internal async Task<JsonElement> ValidateAsync(string provider, OAuthProviderOptions settings, OpenIdConnectConfiguration configuration, string idToken)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = settings.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = Hs256Jwt.ClockSkew,
            LifetimeValidator = Hs256Jwt.LifetimeOn(time),
        };
        var result = await _handler.ValidateTokenAsync(idToken, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                discovery.Refresh(provider);
            }

            throw new ProviderCallException("The provider's ID token is not valid.", result.Exception ?? new SecurityTokenValidationException());
        }

        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.EncodedPayload));
        return payload.RootElement.Clone();
    }
}
