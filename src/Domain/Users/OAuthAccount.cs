namespace Users.Domain.Users;

/// <summary>
/// A provider account linked to a user (part of the <see cref="User"/> aggregate). One provider account belongs to one
/// user at most: the database holds a unique index on (<see cref="OAuthName"/>, <see cref="AccountId"/>).
/// </summary>
public sealed class OAuthAccount
{
    private OAuthAccount() { } // for EF Core

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string OAuthName { get; private set; } = string.Empty;

    public string AccountId { get; private set; } = string.Empty;

    /// <summary>The address the provider reported at the last sign-in.</summary>
    public string AccountEmail { get; private set; } = string.Empty;

    /// <summary>Encrypted by the application; never returned by a route.</summary>
    public string AccessToken { get; private set; } = string.Empty;

    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>Encrypted by the application; never returned by a route.</summary>
    public string? RefreshToken { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Whether this is the account <paramref name="identity"/> names.</summary>
    public bool Is(OAuthIdentity identity) =>
        string.Equals(OAuthName, identity.ProviderName, StringComparison.Ordinal)
        && string.Equals(AccountId, identity.AccountId, StringComparison.Ordinal);

    internal static OAuthAccount Link(Guid userId, OAuthIdentity identity, ProviderTokens tokens, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identity.ProviderName);
        ArgumentException.ThrowIfNullOrWhiteSpace(identity.AccountId);
        var account = new OAuthAccount
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            OAuthName = identity.ProviderName,
            AccountId = identity.AccountId,
            CreatedAt = now,
        };
        account.Refresh(identity, tokens, now);
        return account;
    }

    /// <summary>
    /// An account as an adopted FastAPI Users deployment holds it (its id and user kept), with its tokens already
    /// encrypted by the application. Added as a row of its own: the user it belongs to need not be loaded.
    /// </summary>
    public static OAuthAccount Adopt(Guid id, Guid userId, OAuthIdentity identity, ProviderTokens tokens, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(tokens);
        var account = Link(userId, identity, tokens, now);
        account.Id = id;
        return account;
    }

    // A provider may hand out new tokens and a new address at every sign-in; the latest are kept.
    internal void Refresh(OAuthIdentity identity, ProviderTokens tokens, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokens.AccessToken);
        AccountEmail = identity.AccountEmail.Value;
        AccessToken = tokens.AccessToken;
        ExpiresAt = tokens.ExpiresAt;
        RefreshToken = tokens.RefreshToken;
        UpdatedAt = now;
    }
}
