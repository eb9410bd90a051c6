using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Domain.UnitTests.Users;

/// <summary><see cref="User.Apply"/>: which changes revoke the tokens issued so far.</summary>
public class UserChangeSecurityStampTests
{
    private static readonly DateTimeOffset Later = UserBuilder.DefaultCreatedAt.AddMinutes(5);

    [Fact]
    public void Apply_Password_ReplacesHashAndRotatesSecurityStamp()
    {
        var user = new UserBuilder().Build();
        var stamp = user.SecurityStamp;

        var changed = user.Apply(new UserChanges { PasswordHash = "hash-v2" }, Later);

        Assert.Equal("hash-v2", user.HashedPassword);
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.False(string.IsNullOrWhiteSpace(user.SecurityStamp));
        Assert.Equal([UserFieldNames.Password], changed);
    }

    [Fact]
    public void Apply_BlankPasswordHash_Throws()
    {
        var user = new UserBuilder().Build();

        Assert.Throws<ArgumentException>(() => user.Apply(new UserChanges { PasswordHash = " " }, Later));
    }

    [Fact]
    public void Apply_Deactivation_RotatesSecurityStamp()
    {
        var user = new UserBuilder().Inactive(false).Build();
        var stamp = user.SecurityStamp;

        user.Apply(new UserChanges { IsActive = false }, Later);

        Assert.False(user.IsActive);
        Assert.NotEqual(stamp, user.SecurityStamp);
    }

    [Fact]
    public void Apply_Reactivation_KeepsSecurityStamp()
    {
        var user = new UserBuilder().Inactive().Build();
        var stamp = user.SecurityStamp;

        user.Apply(new UserChanges { IsActive = true }, Later);

        Assert.True(user.IsActive);
        Assert.Equal(stamp, user.SecurityStamp);
    }

    [Fact]
    public void Apply_EmailAndFlagChanges_KeepSecurityStamp()
    {
        var user = new UserBuilder().Build();
        var stamp = user.SecurityStamp;

        user.Apply(new UserChanges { Email = Email("other@example.org"), IsSuperuser = true, IsVerified = true }, Later);

        Assert.Equal(stamp, user.SecurityStamp);
    }

    [Fact]
    public void Apply_Password_RaisesSecurityStampRotated()
    {
        var user = new UserBuilder().Build();

        user.Apply(new UserChanges { PasswordHash = "hash-v2" }, Later);

        Assert.Equal(new SecurityStampRotated(user.Id), Assert.Single(user.DomainEvents.OfType<SecurityStampRotated>()));
    }

    [Fact]
    public void Apply_Deactivation_RaisesSecurityStampRotated()
    {
        var user = new UserBuilder().Inactive(false).Build();

        user.Apply(new UserChanges { IsActive = false }, Later);

        Assert.Equal(new SecurityStampRotated(user.Id), Assert.Single(user.DomainEvents.OfType<SecurityStampRotated>()));
    }

    [Fact]
    public void Apply_PasswordAndDeactivation_RaisesASingleSecurityStampRotatedBesideTheUpdate()
    {
        var user = new UserBuilder().Inactive(false).Build();

        user.Apply(new UserChanges { PasswordHash = "hash-v2", IsActive = false }, Later);

        Assert.Collection(
            user.DomainEvents,
            e => Assert.Equal(new SecurityStampRotated(user.Id), e),
            e => Assert.Equal([UserFieldNames.Password, UserFieldNames.IsActive], Assert.IsType<UserUpdated>(e).ChangedFields));
    }

    [Fact]
    public void Apply_EmailAndFlagChanges_RaiseNoSecurityStampRotated()
    {
        var user = new UserBuilder().Build();

        user.Apply(new UserChanges { Email = Email("other@example.org"), IsSuperuser = true, IsActive = true }, Later);

        Assert.Empty(user.DomainEvents.OfType<SecurityStampRotated>());
    }

    private static Email Email(string address) => Domain.Users.Email.Create(address).Value;
}
