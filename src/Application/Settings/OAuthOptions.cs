namespace Users.Application.Settings;

/// <summary>The <c>OAuth</c> configuration section: the sign-in providers and how long to wait for them.</summary>
public sealed class OAuthOptions
{
    public const string SectionName = "OAuth";

    /// <summary>Longest wait for one call to a provider (discovery, token, user info) before the route answers 504.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>The providers by name; each is mounted at <c>/auth/{name}</c> and <c>/auth/associate/{name}</c>.</summary>
    public Dictionary<string, OAuthProviderOptions> Providers { get; set; } = new(StringComparer.Ordinal);
}
