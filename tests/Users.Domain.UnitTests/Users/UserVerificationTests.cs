using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Domain.UnitTests.Users;

public class UserVerificationTests
{
    private static readonly DateTimeOffset Later = UserBuilder.DefaultCreatedAt.AddMinutes(5);

    [Fact]
    public void Verify_UnverifiedUser_SetsVerifiedUpdatesTimeAndRaisesUserVerified()
    {
        var user = new UserBuilder().WithEmail("John.Doe@Example.COM").Build();

        var result = user.Verify(Later);

        Assert.True(result.IsSuccess);
        Assert.True(user.IsVerified);
        Assert.Equal(Later, user.UpdatedAt);
        Assert.Equal(new UserVerified(user.Id, "John.Doe@example.com"), Assert.Single(user.DomainEvents));
    }

    [Fact]
    public void Verify_Twice_FailsAlreadyVerifiedAndRaisesUserVerifiedOnce()
    {
        var user = new UserBuilder().Build();

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
        var user = new UserBuilder().Verified().Build();

        var result = user.Verify(Later);

        Assert.Equal(UserErrors.VerifyUserAlreadyVerified, result.Error);
        Assert.True(user.IsVerified);
        Assert.Equal(UserBuilder.DefaultCreatedAt, user.UpdatedAt);
        Assert.Empty(user.DomainEvents);
    }

    [Fact]
    public void Verify_InactiveUser_VerifiesAndStaysInactive()
    {
        var user = new UserBuilder().Inactive().Build();
        var stamp = user.SecurityStamp;

        Assert.True(user.Verify(Later).IsSuccess);

        Assert.True(user.IsVerified);
        Assert.False(user.IsActive);
        Assert.Equal(stamp, user.SecurityStamp);
    }
}
