using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Domain.UnitTests.Users;

/// <summary><see cref="User.Apply"/>: which fields change and what the update event lists.</summary>
public class UserChangeTests
{
    // Mixed case, so its stored form (Value) differs from its normalized form.
    private const string MixedCaseEmail = "Jane.Doe@example.com";

    private static readonly DateTimeOffset Later = UserBuilder.DefaultCreatedAt.AddMinutes(5);

    [Fact]
    public void Apply_NewEmail_ReplacesEmailAndClearsVerification()
    {
        var user = new UserBuilder().Verified().Build();

        user.Apply(new UserChanges { Email = Email("Other@Example.org") }, Later);

        Assert.Equal("Other@example.org", user.Email);
        Assert.Equal("other@example.org", user.NormalizedEmail);
        Assert.False(user.IsVerified);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Apply_NewEmailWithIsVerifiedTrue_EndsVerified(bool wasVerified)
    {
        var user = new UserBuilder().Verified(wasVerified).Build();

        user.Apply(new UserChanges { Email = Email("other@example.org"), IsVerified = true }, Later);

        Assert.Equal("other@example.org", user.Email);
        Assert.True(user.IsVerified);
    }

    [Fact]
    public void Apply_ReCasedSameAddress_ChangesEmailButKeepsVerification()
    {
        var user = new UserBuilder().WithEmail("jane.doe@example.com").Verified().Build();

        var changed = user.Apply(new UserChanges { Email = Email("Jane.Doe@EXAMPLE.com") }, Later);

        Assert.Equal("Jane.Doe@example.com", user.Email);
        Assert.Equal("jane.doe@example.com", user.NormalizedEmail);
        Assert.True(user.IsVerified);
        Assert.Equal([UserFieldNames.Email], changed);
    }

    [Fact]
    public void Apply_IdenticalEmail_IsNotAChange()
    {
        var user = new UserBuilder().WithEmail(MixedCaseEmail).Verified().Build();

        var changed = user.Apply(new UserChanges { Email = Email(MixedCaseEmail) }, Later);

        Assert.Empty(changed);
        Assert.True(user.IsVerified);
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    [InlineData(true, true, true)]
    public void Apply_FlagsSetToTheirCurrentValues_IsNoChange(bool isActive, bool isSuperuser, bool isVerified)
    {
        var user = new UserBuilder().Inactive(!isActive).Superuser(isSuperuser).Verified(isVerified).Build();
        var stamp = user.SecurityStamp;

        var changed = user.Apply(new UserChanges { IsActive = isActive, IsSuperuser = isSuperuser, IsVerified = isVerified }, Later);

        Assert.Empty(changed);
        Assert.Empty(user.DomainEvents);
        Assert.Equal(UserBuilder.DefaultCreatedAt, user.UpdatedAt);
        Assert.Equal(stamp, user.SecurityStamp);
    }

    [Fact]
    public void Apply_NothingRequested_RaisesNothingAndKeepsUpdatedAt()
    {
        var user = new UserBuilder().Build();

        var changed = user.Apply(new UserChanges(), Later);

        Assert.Empty(changed);
        Assert.Empty(user.DomainEvents);
        Assert.Equal(UserBuilder.DefaultCreatedAt, user.UpdatedAt);
    }

    [Fact]
    public void Apply_EveryField_RaisesOneUserUpdatedListingFieldsInContractOrder()
    {
        var user = new UserBuilder().Inactive(false).Superuser(false).Verified(false).Build();

        var changed = user.Apply(
            new UserChanges
            {
                PasswordHash = "hash-v2",
                Email = Email("other@example.org"),
                IsActive = false,
                IsSuperuser = true,
                IsVerified = true,
            },
            Later);

        string[] expected = [UserFieldNames.Password, UserFieldNames.Email, UserFieldNames.IsActive, UserFieldNames.IsSuperuser, UserFieldNames.IsVerified];
        Assert.Equal(["password", "email", "is_active", "is_superuser", "is_verified"], expected);
        var updated = Assert.Single(user.DomainEvents.OfType<UserUpdated>());
        Assert.Single(user.DomainEvents.OfType<SecurityStampRotated>()); // password change and deactivation: one event for both
        Assert.Equal(user.Id, updated.UserId);
        Assert.Equal(expected, updated.ChangedFields);
        Assert.Equal(expected, changed);
        Assert.Equal(Later, user.UpdatedAt);
        Assert.Equal(UserBuilder.DefaultCreatedAt, user.CreatedAt);
    }

    [Fact]
    public void Apply_SomeFields_ListsOnlyThoseThatChanged()
    {
        var user = new UserBuilder().Inactive(false).Superuser(false).Build();

        user.Apply(new UserChanges { IsActive = true, IsSuperuser = true }, Later);

        var updated = Assert.IsType<UserUpdated>(Assert.Single(user.DomainEvents));
        Assert.Equal([UserFieldNames.IsSuperuser], updated.ChangedFields);
        Assert.Equal(Later, user.UpdatedAt);
    }

    [Fact]
    public void Apply_NewEmailOnVerifiedUser_ListsTheClearedVerification()
    {
        var user = new UserBuilder().Verified().Build();

        user.Apply(new UserChanges { Email = Email("other@example.org") }, Later);

        var updated = Assert.IsType<UserUpdated>(Assert.Single(user.DomainEvents));
        Assert.Equal([UserFieldNames.Email, UserFieldNames.IsVerified], updated.ChangedFields);
    }

    [Fact]
    public void Apply_NewEmailWithIsVerifiedTrueOnVerifiedUser_DoesNotListVerification()
    {
        var user = new UserBuilder().Verified().Build();

        user.Apply(new UserChanges { Email = Email("other@example.org"), IsVerified = true }, Later);

        var updated = Assert.IsType<UserUpdated>(Assert.Single(user.DomainEvents));
        Assert.Equal([UserFieldNames.Email], updated.ChangedFields);
    }

    [Fact]
    public void Apply_Twice_RaisesOneEventPerCall()
    {
        var user = new UserBuilder().Build();

        user.Apply(new UserChanges { IsSuperuser = true }, Later);
        user.Apply(new UserChanges { IsSuperuser = true }, Later.AddMinutes(1));
        user.Apply(new UserChanges { IsVerified = true }, Later.AddMinutes(2));

        Assert.Equal(2, user.DomainEvents.Count);
        Assert.All(user.DomainEvents, e => Assert.IsType<UserUpdated>(e));
        Assert.Equal(Later.AddMinutes(2), user.UpdatedAt);
    }

    private static Email Email(string address) => Domain.Users.Email.Create(address).Value;
}
