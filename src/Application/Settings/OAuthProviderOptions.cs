namespace Users.Application.Settings;

/// <summary>
/// One provider (<c>OAuth:Providers:{name}</c>): OpenID Connect by discovery (<see cref="Authority"/>), or plain OAuth2 with
/// explicit endpoints whose user-info answer names the account's id, address and its verification in
/// <see cref="IdClaim"/>, <see cref="EmailClaim"/> and <see cref="EmailVerifiedClaim"/>.
/// </summary>
public sealed class OAuthProviderOptions
{
    public string? ClientId { get; set; }

    /// <summary>Empty for a public client (PKCE alone).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The OpenID Connect issuer; its <c>/.well-known/openid-configuration</c> gives the endpoints.</summary>
    public string? Authority { get; set; }

    public string? AuthorizeEndpoint { get; set; }

    public string? TokenEndpoint { get; set; }

    public string? UserInfoEndpoint { get; set; }

    /// <summary>
    /// Scopes asked for when the client names none; each entry may hold several, space-separated. OpenID Connect
    /// providers default to <c>openid email profile</c>.
    /// </summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>The backend whose login response the callback gives (and whose session it starts).</summary>
    public string Backend { get; set; } = "jwt";

    /// <summary>Whether an unknown provider account whose (provider-verified) address is a user's is linked to that user.</summary>
    public bool AssociateByEmail { get; set; }

    /// <summary>Whether users created by this provider start verified.</summary>
    public bool IsVerifiedByDefault { get; set; }

    /// <summary>Where the browser goes after a successful callback (a 302, with the backend's cookie); cookie backends only.</summary>
    public string? RedirectUrl { get; set; }

    /// <summary>How the client authenticates at the token endpoint: <c>client_secret_basic</c> or <c>client_secret_post</c>.</summary>
    public string? ClientAuthentication { get; set; }

    /// <summary>Plain OAuth2: the user-info member holding the account's id (a string or a number).</summary>
    public string IdClaim { get; set; } = "id";

    /// <summary>Plain OAuth2: the user-info member holding the address.</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>Plain OAuth2: the user-info member saying whether the provider verified the address (absent: not verified).</summary>
    public string EmailVerifiedClaim { get; set; } = "email_verified";

    /// <summary>Whether this provider is configured for OpenID Connect discovery.</summary>
    public bool IsOpenIdConnect => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>The configured scopes, one per entry; for OpenID Connect without any, <c>openid email profile</c>.</summary>
    public IReadOnlyList<string> ScopeList
    {
        get
        {
            var configured = Scopes.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            return configured.Length == 0 && IsOpenIdConnect ? ["openid", "email", "profile"] : configured;
        }
    }
}
