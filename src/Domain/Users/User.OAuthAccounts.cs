using Users.Domain.Common;
using Users.Domain.Users.Events;

namespace Users.Domain.Users;

/// <summary>The provider accounts (OAuth2 / OpenID Connect) of a user: part of the aggregate, kept apart for size.</summary>
public sealed partial class User
{
    private readonly List<OAuthAccount> _oauthAccounts = [];

    /// <summary>
    /// The provider accounts linked to this user. Loaded only by the repository methods of the use cases that need them;
    /// elsewhere the collection is empty.
    /// </summary>
    public IReadOnlyCollection<OAuthAccount> OAuthAccounts => _oauthAccounts;

    /// <summary>
    /// A user signed up through a provider: active, with the address the provider reported, a password hash nobody knows
    /// the password of (the forgot-password flow gives them one), verified only when <paramref name="isVerified"/>.
    /// Raises "user registered" and "provider account linked".
    /// </summary>
    public static User RegisterFromProvider(
        OAuthIdentity identity, ProviderTokens tokens, string unknownPasswordHash, bool isVerified, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var user = Register(
            new UserChanges { Email = identity.AccountEmail, PasswordHash = unknownPasswordHash, IsVerified = isVerified },
            now);
        user.LinkOAuthAccount(identity, tokens, now);
        return user;
    }

    /// <summary>
    /// Links the provider account <paramref name="identity"/> names, or, when it is linked already, stores its new tokens
    /// and address. Whether another user holds it is the caller's check (and the database's unique index).
    /// </summary>
    public OAuthAccount LinkOAuthAccount(OAuthIdentity identity, ProviderTokens tokens, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(tokens);
        var linked = _oauthAccounts.Find(a => a.Is(identity));
        if (linked is not null)
        {
            linked.Refresh(identity, tokens, now);
            return linked;
        }

        var account = OAuthAccount.Link(Id, identity, tokens, now);
        _oauthAccounts.Add(account);
        Raise(new OAuthAccountLinked(Id, account.Id, account.OAuthName));
        return account;
    }

    /// <summary>Unlinks one of this user's provider accounts; it no longer signs them in.</summary>
    public Result UnlinkOAuthAccount(Guid accountId)
    {
        var account = _oauthAccounts.Find(a => a.Id == accountId);
        if (account is null)
        {
            return OAuthErrors.AccountNotFound;
        }

        _oauthAccounts.Remove(account);
        Raise(new OAuthAccountUnlinked(Id, account.Id, account.OAuthName));
        return Result.Success();
    }
}
