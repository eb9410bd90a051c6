using Users.Domain.Sessions;
using Users.Domain.Users;

namespace Users.Domain.UnitTests.Users;

public sealed class UserAdoptionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private const string BcryptHash = "$2b$12$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234";

    [Fact]
    public void Adopt_KeepsIdAddressHashAndFlags_RaisesNothing_AndStampsTheUserAsAdopted()
    {
        var id = Guid.NewGuid();

        var user = User.Adopt(id, Email.Create("Ann@Example.COM").Value, BcryptHash, isActive: false, isSuperuser: true, isVerified: true, Now);

        Assert.Equal((id, "Ann@example.com", "ann@example.com", BcryptHash), (user.Id, user.Email, user.NormalizedEmail, user.HashedPassword));
        Assert.Equal((false, true, true), (user.IsActive, user.IsSuperuser, user.IsVerified));
        Assert.Equal((Now, Now), (user.CreatedAt, user.UpdatedAt));
        Assert.Empty(user.DomainEvents);
        Assert.True(User.StampAcceptsLegacyTokens(user.SecurityStamp));
    }

    [Fact]
    public void Adopt_GivesEachUserAStampOfItsOwn()
    {
        var email = Email.Create("ann@example.com").Value;

        Assert.NotEqual(
            User.Adopt(Guid.NewGuid(), email, BcryptHash, true, false, false, Now).SecurityStamp,
            User.Adopt(Guid.NewGuid(), email, BcryptHash, true, false, false, Now).SecurityStamp);
    }

    [Fact]
    public void Adopt_WithoutAnIdOrAHash_Throws()
    {
        var email = Email.Create("ann@example.com").Value;

        Assert.Throws<ArgumentException>(() => User.Adopt(Guid.Empty, email, BcryptHash, true, false, false, Now));
        Assert.Throws<ArgumentException>(() => User.Adopt(Guid.NewGuid(), email, " ", true, false, false, Now));
    }

    [Fact]
    public void AnAdoptedUsersStamp_StopsAcceptingLegacyTokens_AfterAPasswordChange_OrDeactivation()
    {
        var changed = User.Adopt(Guid.NewGuid(), Email.Create("ann@example.com").Value, BcryptHash, true, false, false, Now);
        var deactivated = User.Adopt(Guid.NewGuid(), Email.Create("bob@example.com").Value, BcryptHash, true, false, false, Now);

        changed.ResetPassword("$argon2id$new", Now);
        deactivated.Apply(new UserChanges { IsActive = false }, Now);

        Assert.False(User.StampAcceptsLegacyTokens(changed.SecurityStamp));
        Assert.False(User.StampAcceptsLegacyTokens(deactivated.SecurityStamp));
    }

    [Fact]
    public void AnAdoptedUsersStamp_StillAcceptsLegacyTokens_AfterARehashAtLogin()
    {
        var user = User.Adopt(Guid.NewGuid(), Email.Create("ann@example.com").Value, BcryptHash, true, false, false, Now);

        user.UpgradePasswordHash("$argon2id$v=19$m=19456,t=2,p=1$upgraded");

        Assert.True(User.StampAcceptsLegacyTokens(user.SecurityStamp));
    }

    [Fact]
    public void StampAcceptsLegacyTokens_IsFalseForARegisteredUser()
    {
        Assert.False(User.StampAcceptsLegacyTokens(new TestSupport.UserBuilder().Build().SecurityStamp));
    }

    [Fact]
    public void AdoptedSession_LastsFromTheTokensIssueToItsExpiry_OnTheAdoptedBackend_RaisingNothing()
    {
        var (userId, issued, expires) = (Guid.NewGuid(), Now.AddMinutes(-10), Now.AddMinutes(50));

        var session = Session.Adopt(userId, "adopted-stamp", issued, expires);

        Assert.Equal((userId, "adopted-stamp", Session.AdoptedBackend), (session.UserId, session.SecurityStamp, session.Backend));
        Assert.Equal((issued, issued, expires), (session.CreatedAt, session.LastUsedAt, session.ExpiresAt));
        Assert.True(session.IsLive("adopted-stamp", Now));
        Assert.Empty(session.DomainEvents);
    }

    [Fact]
    public void AdoptedOAuthAccount_KeepsItsIdAndUser_WithTheGivenTokens()
    {
        var (id, userId) = (Guid.NewGuid(), Guid.NewGuid());
        var identity = new OAuthIdentity("github", "42", Email.Create("ann@example.com").Value);

        var account = OAuthAccount.Adopt(id, userId, identity, new ProviderTokens("sealed-access", Now, "sealed-refresh"), Now);

        Assert.Equal((id, userId, "github", "42", "ann@example.com"), (account.Id, account.UserId, account.OAuthName, account.AccountId, account.AccountEmail));
        Assert.Equal(("sealed-access", (DateTimeOffset?)Now, "sealed-refresh"), (account.AccessToken, account.ExpiresAt, account.RefreshToken));
    }
}
