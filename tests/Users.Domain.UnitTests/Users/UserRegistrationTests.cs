using System.Globalization;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Domain.UnitTests.Users;

public class UserRegistrationTests
{
    private const string Hash = UserBuilder.DefaultPasswordHash;

    // Not on a whole second, so the id test also proves the milliseconds are carried.
    private static readonly DateTimeOffset RegisteredAt = new(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

    [Fact]
    public void Register_WithFlagsUnset_IsActiveNotSuperuserNotVerified()
    {
        var user = User.Register(Required(), RegisteredAt);

        Assert.True(user.IsActive);
        Assert.False(user.IsSuperuser);
        Assert.False(user.IsVerified);
    }

    [Fact]
    public void Register_WithFlags_UsesThem()
    {
        var details = Required() with
        {
            IsActive = OptionalValue.Of(false),
            IsSuperuser = OptionalValue.Of(true),
            IsVerified = OptionalValue.Of(true),
        };

        var user = User.Register(details, RegisteredAt);

        Assert.False(user.IsActive);
        Assert.True(user.IsSuperuser);
        Assert.True(user.IsVerified);
    }

    [Theory]
    [InlineData(false, null, null)]
    [InlineData(null, true, null)]
    [InlineData(null, null, true)]
    [InlineData(true, false, false)]
    public void Register_WithSomeFlagsSet_UsesThoseAndDefaultsTheOthers(bool? isActive, bool? isSuperuser, bool? isVerified)
    {
        var details = Required() with { IsActive = Given(isActive), IsSuperuser = Given(isSuperuser), IsVerified = Given(isVerified) };

        var user = User.Register(details, RegisteredAt);

        Assert.Equal(isActive ?? true, user.IsActive);
        Assert.Equal(isSuperuser ?? false, user.IsSuperuser);
        Assert.Equal(isVerified ?? false, user.IsVerified);
    }

    [Fact]
    public void Register_WithFlagsSet_RaisesOnlyUserRegistered()
    {
        var details = Required() with { IsActive = false, IsSuperuser = true, IsVerified = true };

        var user = User.Register(details, RegisteredAt);

        Assert.IsType<UserRegistered>(Assert.Single(user.DomainEvents));
    }

    [Fact]
    public void Register_StoresEmailFormsAndHash()
    {
        var user = User.Register(Required("John.Doe@Example.COM"), RegisteredAt);

        Assert.Equal("John.Doe@example.com", user.Email);
        Assert.Equal("john.doe@example.com", user.NormalizedEmail);
        Assert.Equal(Hash, user.HashedPassword);
    }

    [Fact]
    public void Register_GeneratesVersion7IdCarryingTheGivenTime()
    {
        var user = User.Register(Required(), RegisteredAt);

        Assert.Equal(7, user.Id.Version);
        var unixMilliseconds = long.Parse(user.Id.ToString("N", CultureInfo.InvariantCulture)[..12], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.Equal(RegisteredAt.ToUnixTimeMilliseconds(), unixMilliseconds);
    }

    [Fact]
    public void Register_SetsTimestampsFromTheGivenTime()
    {
        var user = User.Register(Required(), RegisteredAt);

        Assert.Equal(RegisteredAt, user.CreatedAt);
        Assert.Equal(RegisteredAt, user.UpdatedAt);
        Assert.Null(user.LastLoginAt);
    }

    [Fact]
    public void Register_TwoUsersAtTheSameTime_GetDistinctIdsAndSecurityStamps()
    {
        var first = User.Register(Required(), RegisteredAt);
        var second = User.Register(Required(), RegisteredAt);

        Assert.False(string.IsNullOrWhiteSpace(first.SecurityStamp));
        Assert.NotEqual(first.Id, second.Id);
        Assert.NotEqual(first.SecurityStamp, second.SecurityStamp);
    }

    [Fact]
    public void Register_RaisesExactlyOneUserRegisteredWithIdAndEmail()
    {
        var user = User.Register(Required("John.Doe@Example.COM"), RegisteredAt);

        var registered = Assert.IsType<UserRegistered>(Assert.Single(user.DomainEvents));
        Assert.Equal(user.Id, registered.UserId);
        Assert.Equal("John.Doe@example.com", registered.Email);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Register_WithBlankPasswordHash_Throws(string hash)
    {
        Assert.Throws<ArgumentException>(() => User.Register(Required() with { PasswordHash = hash }, RegisteredAt));
    }

    [Fact]
    public void Register_WithoutPasswordHash_ThrowsForTheDetails()
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => User.Register(Required() with { PasswordHash = null }, RegisteredAt));

        Assert.Equal("details", exception.ParamName);
    }

    [Fact]
    public void Register_WithoutEmail_ThrowsArgumentExceptionForTheDetails()
    {
        var exception = Assert.Throws<ArgumentException>(() => User.Register(Required() with { Email = null }, RegisteredAt));

        Assert.Equal("details", exception.ParamName);
    }

    [Fact]
    public void Register_WithoutDetails_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => User.Register(null!, RegisteredAt));
    }

    /// <summary>Only what a registration requires: the address and the password hash, every flag unset.</summary>
    private static UserChanges Required(string address = UserBuilder.DefaultEmail) =>
        new() { Email = Email.Create(address).Value, PasswordHash = Hash };

    private static Optional<bool> Given(bool? value) => value is { } set ? OptionalValue.Of(set) : default;
}
