using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Domain.UnitTests.Users;

public class UserEventTests
{
    // Mixed case: the event must carry the address as stored (Value), not its normalized form.
    private const string MixedCaseEmail = "Jane.Doe@example.com";

    private static readonly DateTimeOffset Later = UserBuilder.DefaultCreatedAt.AddMinutes(5);

    [Fact]
    public void RecordLogin_SetsLastLoginAtAndRaisesUserLoggedIn()
    {
        var user = new UserBuilder().Build();

        user.RecordLogin(Later);

        Assert.Equal(Later, user.LastLoginAt);
        var loggedIn = Assert.IsType<UserLoggedIn>(Assert.Single(user.DomainEvents));
        Assert.Equal(user.Id, loggedIn.UserId);
        Assert.Equal(Later, loggedIn.At);
    }

    [Fact]
    public void MarkDeleted_RaisesUserDeletedWithIdAndEmail()
    {
        var user = new UserBuilder().WithEmail(MixedCaseEmail).Build();

        user.MarkDeleted();

        var deleted = Assert.IsType<UserDeleted>(Assert.Single(user.DomainEvents));
        Assert.Equal(user.Id, deleted.UserId);
        Assert.Equal(MixedCaseEmail, deleted.Email);
    }

    [Fact]
    public void DequeueDomainEvents_ReturnsPendingEventsOnceInOrderAndClears()
    {
        var user = User.Register(new UserBuilder().Details(), UserBuilder.DefaultCreatedAt);
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
