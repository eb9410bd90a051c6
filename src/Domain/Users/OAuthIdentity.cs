namespace Users.Domain.Users;

/// <summary>
/// Who a provider says signed in: the provider's name as configured (<c>oauth_name</c>), the account's id there and the
/// address it reported (normalized like every other address).
/// </summary>
public sealed record OAuthIdentity(string ProviderName, string AccountId, Email AccountEmail)
{
    /// <summary>Longest provider name stored.</summary>
    public const int ProviderNameLength = 100;

    /// <summary>Longest account id stored.</summary>
    public const int AccountIdLength = 320;
}
