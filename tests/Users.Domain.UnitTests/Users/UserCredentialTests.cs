using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Domain.UnitTests.Users;

/// <summary>Password hashes and the security stamp outside <c>Apply</c>: upgrade, reset, log out everywhere.</summary>
public class UserCredentialTests
{
    private static readonly DateTimeOffset Later = UserBuilder.DefaultCreatedAt.AddMinutes(5);

    [Fact]
    public void UpgradePasswordHash_ReplacesHashKeepsStampAndRaisesNothing()
    {
        var user = new UserBuilder().Build();
        var stamp = user.SecurityStamp;

        user.UpgradePasswordHash("hash-v1-stronger");

        Assert.Equal("hash-v1-stronger", user.HashedPassword);
        Assert.Equal(stamp, user.SecurityStamp);
        Assert.Equal(UserBuilder.DefaultCreatedAt, user.UpdatedAt);
        Assert.Empty(user.DomainEvents);
    }

    [Fact]
    public void ResetPassword_ReplacesHashRotatesStampAndRaisesPasswordResetAndOneSecurityStampRotated()
    {
        var user = new UserBuilder().Build();
        var stamp = user.SecurityStamp;

        user.ResetPassword("hash-v2", Later);

        Assert.Equal("hash-v2", user.HashedPassword);
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.False(string.IsNullOrWhiteSpace(user.SecurityStamp));
        Assert.Equal(Later, user.UpdatedAt);
        Assert.Equal(new PasswordReset(user.Id), Assert.Single(user.DomainEvents.OfType<PasswordReset>()));
        Assert.Equal(new SecurityStampRotated(user.Id), Assert.Single(user.DomainEvents.OfType<SecurityStampRotated>()));
        Assert.Equal(2, user.DomainEvents.Count);
        Assert.Empty(user.DomainEvents.OfType<UserUpdated>());
    }

    [Fact]
    public void ResetPassword_WithBlankHash_ThrowsAndChangesNothing()
    {
        var user = new UserBuilder().Build();
        var stamp = user.SecurityStamp;

        Assert.Throws<ArgumentException>(() => user.ResetPassword(" ", Later));

        Assert.Equal(UserBuilder.DefaultPasswordHash, user.HashedPassword);
        Assert.Equal(stamp, user.SecurityStamp);
        Assert.Empty(user.DomainEvents);
    }

    [Fact]
    public void RevokeAllTokens_RotatesStampUpdatesTimeAndRaisesSecurityStampRotatedAndSignedOutEverywhere()
    {
        var user = new UserBuilder().Build();
        var stamp = user.SecurityStamp;

        user.RevokeAllTokens(Later);

        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.False(string.IsNullOrWhiteSpace(user.SecurityStamp));
        Assert.Equal(Later, user.UpdatedAt);
        Assert.Equal(UserBuilder.DefaultPasswordHash, user.HashedPassword);
        Assert.Equal([new SecurityStampRotated(user.Id), new SignedOutEverywhere(user.Id)], user.DomainEvents);
    }

    [Fact]
    public void RevokeAllTokens_Twice_GivesANewStampEachTimeButOneEventOfEach()
    {
        var user = new UserBuilder().Build();

        user.RevokeAllTokens(Later);
        var firstStamp = user.SecurityStamp;
        user.RevokeAllTokens(Later.AddMinutes(1));

        Assert.NotEqual(firstStamp, user.SecurityStamp);
        Assert.Equal(2, user.DomainEvents.Count);
    }

    [Fact]
    public void RevokeAllTokens_AfterTheEventWasDispatched_RaisesItAgain()
    {
        var user = new UserBuilder().Build();
        user.RevokeAllTokens(Later);
        user.DequeueDomainEvents();

        user.RevokeAllTokens(Later.AddMinutes(1));

        Assert.Equal([new SecurityStampRotated(user.Id), new SignedOutEverywhere(user.Id)], user.DomainEvents);
    }
}
