using Users.Domain.Sessions;
using Users.TestSupport;

namespace Users.Domain.UnitTests.Sessions;

public sealed class RefreshTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Session _session = Session.Start(new UserBuilder().Build(), "jwt", SessionClient.Unknown, Now);

    [Fact]
    public void Issue_BelongsToTheSession_Unspent()
    {
        var token = RefreshToken.Issue("hash", _session, Now, Now.AddDays(7));

        Assert.Equal(("hash", _session.Id, Now, Now.AddDays(7)), (token.TokenHash, token.SessionId, token.CreatedAt, token.ExpiresAt));
        Assert.False(token.IsSpent);
        Assert.Null(token.SealedSuccessor);
        Assert.False(token.IsWithinReuseInterval(Now, Interval));
    }

    [Fact]
    public void Spend_KeepsTheSealedSuccessor_AndHappensOnce()
    {
        var token = RefreshToken.Issue("hash", _session, Now, Now.AddDays(7));

        token.Spend(Now.AddMinutes(5), "sealed");

        Assert.True(token.IsSpent);
        Assert.Equal((Now.AddMinutes(5), "sealed"), (token.SpentAt, token.SealedSuccessor));
        Assert.Throws<InvalidOperationException>(() => token.Spend(Now.AddMinutes(6), "again"));
    }

    [Fact]
    public void TheReuseInterval_RunsFromTheSpending_InclusiveOfItsEnd()
    {
        var token = RefreshToken.Issue("hash", _session, Now, Now.AddDays(7));
        token.Spend(Now, "sealed");

        Assert.True(token.IsWithinReuseInterval(Now.AddSeconds(10), Interval));
        Assert.False(token.IsWithinReuseInterval(Now.AddSeconds(10).AddMilliseconds(1), Interval));
        Assert.False(token.IsWithinReuseInterval(Now, TimeSpan.Zero.Subtract(TimeSpan.FromTicks(1))));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Issue_WithoutAHash_OrSpend_WithoutASeal_Throws(string blank)
    {
        Assert.ThrowsAny<ArgumentException>(() => RefreshToken.Issue(blank, _session, Now, Now));
        Assert.ThrowsAny<ArgumentException>(() => RefreshToken.Issue("hash", _session, Now, Now).Spend(Now, blank));
    }
}
