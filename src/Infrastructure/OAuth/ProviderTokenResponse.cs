using System.Text.Json;

namespace Users.Infrastructure.OAuth;

/// <summary>A token endpoint's answer (RFC 6749 section 5.1, and OpenID Connect's <c>id_token</c>).</summary>
internal sealed record ProviderTokenResponse(string AccessToken, long? ExpiresIn, string? RefreshToken, string? IdToken)
{
    public static ProviderTokenResponse Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        var json = document.RootElement;
        var accessToken = ProviderJson.String(json, "access_token")
            ?? throw new ProviderCallException("The provider's token response has no access_token.", ProviderJson.String(json, "error"));
        return new ProviderTokenResponse(
            accessToken, ProviderJson.Integer(json, "expires_in"), ProviderJson.String(json, "refresh_token"), ProviderJson.String(json, "id_token"));
    }
}
