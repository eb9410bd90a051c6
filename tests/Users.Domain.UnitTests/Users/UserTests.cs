using System.Globalization;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;
using static Users.Domain.UnitTests.Users.TestUsers;

namespace Users.Domain.UnitTests.Users;

public class UserTests
{
    [Fact]
    public void Register_WithDefaults_IsActiveNotSuperuserNotVerified()
    {
        var user = User.Register(Email(DefaultEmail), DefaultHash, RegisteredAt);

        Assert.True(user.IsActive);
        Assert.False(user.IsSuperuser);
        Assert.False(user.IsVerified);
    }

    [Fact]
    public void Register_WithFlags_UsesThem()
    {
        var user = User.Register(Email(DefaultEmail), DefaultHash, RegisteredAt, isActive: false, isSuperuser: true, isVerified: true);

        Assert.False(user.IsActive);
        Assert.True(user.IsSuperuser);
        Assert.True(user.IsVerified);
    }

    [Fact]
    public void Register_StoresEmailFormsAndHash()
    {
        var user = User.Register(Email("John.Doe@Example.COM"), DefaultHash, RegisteredAt);

        Assert.Equal("John.Doe@example.com", user.Email);
        Assert.Equal("john.doe@example.com", user.NormalizedEmail);
        Assert.Equal(DefaultHash, user.HashedPassword);
    }

    [Fact]
    public void Register_GeneratesVersion7IdCarryingTheGivenTime()
    {
        var user = User.Register(Email(DefaultEmail), DefaultHash, RegisteredAt);

        Assert.Equal(7, user.Id.Version);
        var unixMilliseconds = long.Parse(user.Id.ToString("N", CultureInfo.InvariantCulture)[..12], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.Equal(RegisteredAt.ToUnixTimeMilliseconds(), unixMilliseconds);
    }

    [Fact]
    public void Register_SetsTimestampsFromTheGivenTime()
    {
        var user = User.Register(Email(DefaultEmail), DefaultHash, RegisteredAt);

        Assert.Equal(RegisteredAt, user.CreatedAt);
        Assert.Equal(RegisteredAt, user.UpdatedAt);
        Assert.Null(user.LastLoginAt);
    }

    [Fact]
    public void Register_TwoUsersAtTheSameTime_GetDistinctIdsAndSecurityStamps()
    {
        var first = User.Register(Email(DefaultEmail), DefaultHash, RegisteredAt);
        var second = User.Register(Email(DefaultEmail), DefaultHash, RegisteredAt);

        Assert.False(string.IsNullOrWhiteSpace(first.SecurityStamp));
        Assert.NotEqual(first.Id, second.Id);
        Assert.NotEqual(first.SecurityStamp, second.SecurityStamp);
    }

    [Fact]
    public void Register_RaisesExactlyOneUserRegisteredWithIdAndEmail()
    {
        var user = User.Register(Email("John.Doe@Example.COM"), DefaultHash, RegisteredAt);

        var registered = Assert.IsType<UserRegistered>(Assert.Single(user.DomainEvents));
        Assert.Equal(user.Id, registered.UserId);
        Assert.Equal("John.Doe@example.com", registered.Email);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Register_WithBlankPasswordHash_Throws(string hash)
    {
        Assert.Throws<ArgumentException>(() => User.Register(Email(DefaultEmail), hash, RegisteredAt));
    }

    [Fact]
    public void Apply_NewEmail_ReplacesEmailAndClearsVerification()
    {
        var user = Registered(isVerified: true);

        user.Apply(new UserChanges(Email: Email("Other@Example.org")), Later);

        Assert.Equal("Other@example.org", user.Email);
        Assert.Equal("other@example.org", user.NormalizedEmail);
        Assert.False(user.IsVerified);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Apply_NewEmailWithIsVerifiedTrue_EndsVerified(bool wasVerified)
    {
        var user = Registered(isVerified: wasVerified);

        user.Apply(new UserChanges(Email: Email("other@example.org"), IsVerified: true), Later);

        Assert.Equal("other@example.org", user.Email);
        Assert.True(user.IsVerified);
    }

    [Fact]
    public void Apply_ReCasedSameAddress_ChangesEmailButKeepsVerification()
    {
        var user = Registered(email: "jane.doe@example.com", isVerified: true);

        var changed = user.Apply(new UserChanges(Email: Email("Jane.Doe@EXAMPLE.com")), Later);

        Assert.Equal("Jane.Doe@example.com", user.Email);
        Assert.Equal("jane.doe@example.com", user.NormalizedEmail);
        Assert.True(user.IsVerified);
        Assert.Equal([UserFields.Email], changed);
    }

    [Fact]
    public void Apply_IdenticalEmail_IsNotAChange()
    {
        var user = Registered(isVerified: true);

        var changed = user.Apply(new UserChanges(Email: Email(DefaultEmail)), Later);

        Assert.Empty(changed);
        Assert.True(user.IsVerified);
    }

    [Fact]
    public void Apply_Password_ReplacesHashAndRotatesSecurityStamp()
    {
        var user = Registered();
        var stamp = user.SecurityStamp;

        var changed = user.Apply(new UserChanges(PasswordHash: "hash-v2"), Later);

        Assert.Equal("hash-v2", user.HashedPassword);
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.False(string.IsNullOrWhiteSpace(user.SecurityStamp));
        Assert.Equal([UserFields.Password], changed);
    }

    [Fact]
    public void Apply_BlankPasswordHash_Throws()
    {
        var user = Registered();

        Assert.Throws<ArgumentException>(() => user.Apply(new UserChanges(PasswordHash: " "), Later));
    }

    [Fact]
    public void Apply_Deactivation_RotatesSecurityStamp()
    {
        var user = Registered(isActive: true);
        var stamp = user.SecurityStamp;

        user.Apply(new UserChanges(IsActive: false), Later);

        Assert.False(user.IsActive);
        Assert.NotEqual(stamp, user.SecurityStamp);
    }

    [Fact]
    public void Apply_Reactivation_KeepsSecurityStamp()
    {
        var user = Registered(isActive: false);
        var stamp = user.SecurityStamp;

        user.Apply(new UserChanges(IsActive: true), Later);

        Assert.True(user.IsActive);
        Assert.Equal(stamp, user.SecurityStamp);
    }

    [Fact]
    public void Apply_EmailAndFlagChanges_KeepSecurityStamp()
    {
        var user = Registered();
        var stamp = user.SecurityStamp;

        user.Apply(new UserChanges(Email: Email("other@example.org"), IsSuperuser: true, IsVerified: true), Later);

        Assert.Equal(stamp, user.SecurityStamp);
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    [InlineData(true, true, true)]
    public void Apply_FlagsSetToTheirCurrentValues_IsNoChange(bool isActive, bool isSuperuser, bool isVerified)
    {
        var user = Registered(isActive: isActive, isSuperuser: isSuperuser, isVerified: isVerified);
        var stamp = user.SecurityStamp;

        var changed = user.Apply(new UserChanges(IsActive: isActive, IsSuperuser: isSuperuser, IsVerified: isVerified), Later);

        Assert.Empty(changed);
        Assert.Empty(user.DomainEvents);
        Assert.Equal(RegisteredAt, user.UpdatedAt);
        Assert.Equal(stamp, user.SecurityStamp);
    }

    [Fact]
    public void Apply_NothingRequested_RaisesNothingAndKeepsUpdatedAt()
    {
        var user = Registered();

        var changed = user.Apply(new UserChanges(), Later);

        Assert.Empty(changed);
        Assert.Empty(user.DomainEvents);
        Assert.Equal(RegisteredAt, user.UpdatedAt);
    }

    [Fact]
    public void Apply_EveryField_RaisesOneUserUpdatedListingFieldsInContractOrder()
    {
        var user = Registered(isActive: true, isSuperuser: false, isVerified: false);

        var changed = user.Apply(
            new UserChanges("hash-v2", Email("other@example.org"), IsActive: false, IsSuperuser: true, IsVerified: true),
            Later);

        string[] expected = [UserFields.Password, UserFields.Email, UserFields.IsActive, UserFields.IsSuperuser, UserFields.IsVerified];
        Assert.Equal(["password", "email", "is_active", "is_superuser", "is_verified"], expected);
        var updated = Assert.Single(user.DomainEvents.OfType<UserUpdated>());
        Assert.Single(user.DomainEvents.OfType<SecurityStampRotated>()); // password change and deactivation: one event for both
        Assert.Equal(user.Id, updated.UserId);
        Assert.Equal(expected, updated.ChangedFields);
        Assert.Equal(expected, changed);
        Assert.Equal(Later, user.UpdatedAt);
        Assert.Equal(RegisteredAt, user.CreatedAt);
    }

    [Fact]
    public void Apply_SomeFields_ListsOnlyThoseThatChanged()
    {
        var user = Registered(isActive: true, isSuperuser: false);

        user.Apply(new UserChanges(IsActive: true, IsSuperuser: true), Later);

        var updated = Assert.IsType<UserUpdated>(Assert.Single(user.DomainEvents));
        Assert.Equal([UserFields.IsSuperuser], updated.ChangedFields);
        Assert.Equal(Later, user.UpdatedAt);
    }

    [Fact]
    public void Apply_NewEmailOnVerifiedUser_ListsTheClearedVerification()
    {
        var user = Registered(isVerified: true);

        user.Apply(new UserChanges(Email: Email("other@example.org")), Later);

        var updated = Assert.IsType<UserUpdated>(Assert.Single(user.DomainEvents));
        Assert.Equal([UserFields.Email, UserFields.IsVerified], updated.ChangedFields);
    }

    [Fact]
    public void Apply_NewEmailWithIsVerifiedTrueOnVerifiedUser_DoesNotListVerification()
    {
        var user = Registered(isVerified: true);

        user.Apply(new UserChanges(Email: Email("other@example.org"), IsVerified: true), Later);

        var updated = Assert.IsType<UserUpdated>(Assert.Single(user.DomainEvents));
        Assert.Equal([UserFields.Email], updated.ChangedFields);
    }

    [Fact]
    public void Apply_Twice_RaisesOneEventPerCall()
    {
        var user = Registered();

        user.Apply(new UserChanges(IsSuperuser: true), Later);
        user.Apply(new UserChanges(IsSuperuser: true), Later.AddMinutes(1));
        user.Apply(new UserChanges(IsVerified: true), Later.AddMinutes(2));

        Assert.Equal(2, user.DomainEvents.Count);
        Assert.All(user.DomainEvents, e => Assert.IsType<UserUpdated>(e));
        Assert.Equal(Later.AddMinutes(2), user.UpdatedAt);
    }

    [Fact]
    public void UpgradePasswordHash_ReplacesHashKeepsStampAndRaisesNothing()
    {
        var user = Registered();
        var stamp = user.SecurityStamp;

        user.UpgradePasswordHash("hash-v1-stronger");

        Assert.Equal("hash-v1-stronger", user.HashedPassword);
        Assert.Equal(stamp, user.SecurityStamp);
        Assert.Equal(RegisteredAt, user.UpdatedAt);
        Assert.Empty(user.DomainEvents);
    }

    [Fact]
    public void RecordLogin_SetsLastLoginAtAndRaisesUserLoggedIn()
    {
        var user = Registered();

        user.RecordLogin(Later);

        Assert.Equal(Later, user.LastLoginAt);
        var loggedIn = Assert.IsType<UserLoggedIn>(Assert.Single(user.DomainEvents));
        Assert.Equal(user.Id, loggedIn.UserId);
        Assert.Equal(Later, loggedIn.At);
    }

    [Fact]
    public void MarkDeleted_RaisesUserDeletedWithIdAndEmail()
    {
        var user = Registered();

        user.MarkDeleted();

        var deleted = Assert.IsType<UserDeleted>(Assert.Single(user.DomainEvents));
        Assert.Equal(user.Id, deleted.UserId);
        Assert.Equal(DefaultEmail, deleted.Email);
    }

    [Fact]
    public void Apply_Password_RaisesSecurityStampRotated()
    {
        var user = Registered();

        user.Apply(new UserChanges(PasswordHash: "hash-v2"), Later);

        Assert.Equal(new SecurityStampRotated(user.Id), Assert.Single(user.DomainEvents.OfType<SecurityStampRotated>()));
    }

    [Fact]
    public void Apply_Deactivation_RaisesSecurityStampRotated()
    {
        var user = Registered(isActive: true);

        user.Apply(new UserChanges(IsActive: false), Later);

        Assert.Equal(new SecurityStampRotated(user.Id), Assert.Single(user.DomainEvents.OfType<SecurityStampRotated>()));
    }

    [Fact]
    public void Apply_PasswordAndDeactivation_RaisesASingleSecurityStampRotatedBesideTheUpdate()
    {
        var user = Registered(isActive: true);

        user.Apply(new UserChanges(PasswordHash: "hash-v2", IsActive: false), Later);

        Assert.Collection(
            user.DomainEvents,
            e => Assert.Equal(new SecurityStampRotated(user.Id), e),
            e => Assert.Equal([UserFields.Password, UserFields.IsActive], Assert.IsType<UserUpdated>(e).ChangedFields));
    }

    [Fact]
    public void Apply_EmailAndFlagChanges_RaiseNoSecurityStampRotated()
    {
        var user = Registered();

        user.Apply(new UserChanges(Email: Email("other@example.org"), IsSuperuser: true, IsActive: true), Later);

        Assert.Empty(user.DomainEvents.OfType<SecurityStampRotated>());
    }

    [Fact]
    public void Verify_UnverifiedUser_SetsVerifiedUpdatesTimeAndRaisesUserVerified()
    {
        var user = Registered(email: "John.Doe@Example.COM");

        var result = user.Verify(Later);

        Assert.True(result.IsSuccess);
        Assert.True(user.IsVerified);
        Assert.Equal(Later, user.UpdatedAt);
        Assert.Equal(new UserVerified(user.Id, "John.Doe@example.com"), Assert.Single(user.DomainEvents));
    }

    [Fact]
    public void Verify_Twice_FailsAlreadyVerifiedAndRaisesUserVerifiedOnce()
    {
        var user = Registered();

        Assert.True(user.Verify(Later).IsSuccess);
        var second = user.Verify(Later.AddMinutes(1));

        Assert.False(second.IsSuccess);
        Assert.Equal("VERIFY_USER_ALREADY_VERIFIED", second.Error.Code);
        Assert.Equal(ErrorKind.Failure, second.Error.Kind);
        Assert.Single(user.DomainEvents.OfType<UserVerified>());
        Assert.Equal(Later, user.UpdatedAt);
    }

    [Fact]
    public void Verify_AlreadyVerifiedUser_FailsAndChangesNothing()
    {
        var user = Registered(isVerified: true);

        var result = user.Verify(Later);

        Assert.Equal(UserErrors.VerifyUserAlreadyVerified, result.Error);
        Assert.True(user.IsVerified);
        Assert.Equal(RegisteredAt, user.UpdatedAt);
        Assert.Empty(user.DomainEvents);
    }

    [Fact]
    public void Verify_InactiveUser_VerifiesAndStaysInactive()
    {
        var user = Registered(isActive: false);
        var stamp = user.SecurityStamp;

        Assert.True(user.Verify(Later).IsSuccess);

        Assert.True(user.IsVerified);
        Assert.False(user.IsActive);
        Assert.Equal(stamp, user.SecurityStamp);
    }

    [Fact]
    public void RequestVerification_RaisesUserVerificationRequestedWithTheTokenAndChangesNothing()
    {
        var user = Registered();
        var stamp = user.SecurityStamp;

        user.RequestVerification("verify-token");

        Assert.Equal(new UserVerificationRequested(user.Id, DefaultEmail, "verify-token"), Assert.Single(user.DomainEvents));
        Assert.False(user.IsVerified);
        Assert.Equal(stamp, user.SecurityStamp);
        Assert.Equal(RegisteredAt, user.UpdatedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void RequestVerification_WithBlankToken_Throws(string token)
    {
        var user = Registered();

        Assert.Throws<ArgumentException>(() => user.RequestVerification(token));
        Assert.Empty(user.DomainEvents);
    }

    [Fact]
    public void RequestPasswordReset_RaisesForgotPasswordRequestedWithTheTokenAndChangesNothing()
    {
        var user = Registered();
        var stamp = user.SecurityStamp;

        user.RequestPasswordReset("reset-token");

        Assert.Equal(new ForgotPasswordRequested(user.Id, DefaultEmail, "reset-token"), Assert.Single(user.DomainEvents));
        Assert.Equal(DefaultHash, user.HashedPassword);
        Assert.Equal(stamp, user.SecurityStamp);
        Assert.Equal(RegisteredAt, user.UpdatedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void RequestPasswordReset_WithBlankToken_Throws(string token)
    {
        var user = Registered();

        Assert.Throws<ArgumentException>(() => user.RequestPasswordReset(token));
        Assert.Empty(user.DomainEvents);
    }

    [Fact]
    public void ResetPassword_ReplacesHashRotatesStampAndRaisesPasswordResetAndOneSecurityStampRotated()
    {
        var user = Registered();
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
        var user = Registered();
        var stamp = user.SecurityStamp;

        Assert.Throws<ArgumentException>(() => user.ResetPassword(" ", Later));

        Assert.Equal(DefaultHash, user.HashedPassword);
        Assert.Equal(stamp, user.SecurityStamp);
        Assert.Empty(user.DomainEvents);
    }

    [Fact]
    public void RevokeAllTokens_RotatesStampUpdatesTimeAndRaisesSecurityStampRotated()
    {
        var user = Registered();
        var stamp = user.SecurityStamp;

        user.RevokeAllTokens(Later);

        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.False(string.IsNullOrWhiteSpace(user.SecurityStamp));
        Assert.Equal(Later, user.UpdatedAt);
        Assert.Equal(DefaultHash, user.HashedPassword);
        Assert.Equal(new SecurityStampRotated(user.Id), Assert.Single(user.DomainEvents));
    }

    [Fact]
    public void RevokeAllTokens_Twice_GivesANewStampEachTimeButOneEvent()
    {
        var user = Registered();

        user.RevokeAllTokens(Later);
        var firstStamp = user.SecurityStamp;
        user.RevokeAllTokens(Later.AddMinutes(1));

        Assert.NotEqual(firstStamp, user.SecurityStamp);
        Assert.Single(user.DomainEvents);
    }

    [Fact]
    public void RevokeAllTokens_AfterTheEventWasDispatched_RaisesItAgain()
    {
        var user = Registered();
        user.RevokeAllTokens(Later);
        user.DequeueDomainEvents();

        user.RevokeAllTokens(Later.AddMinutes(1));

        Assert.Equal(new SecurityStampRotated(user.Id), Assert.Single(user.DomainEvents));
    }

    [Fact]
    public void DequeueDomainEvents_ReturnsPendingEventsOnceInOrderAndClears()
    {
        var user = User.Register(Email(DefaultEmail), DefaultHash, RegisteredAt);
        user.RecordLogin(Later);

        var events = user.DequeueDomainEvents();

        Assert.Collection(
            events,
            e => Assert.IsType<UserRegistered>(e),
            e => Assert.IsType<UserLoggedIn>(e));
        Assert.Empty(user.DomainEvents);
        Assert.Empty(user.DequeueDomainEvents());
        Assert.Equal(2, events.Count);
    }
}
