using Users.Domain.Sessions;
using Users.Domain.Sessions.Events;
using Users.Domain.Users;
using Users.TestSupport;

namespace Users.Domain.UnitTests.Sessions;

public sealed class SessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);

    private readonly User _user = new UserBuilder().Build();

    [Fact]
    public void Start_RecordsTheUserItsStampTheBackendAndTheClient_AndLastsNoTimeUntilATokenExtendsIt()
    {
        var session = Session.Start(_user, "cookie", new SessionClient("203.0.113.9", "Agent/1"), Now);

        Assert.Equal((_user.Id, _user.SecurityStamp, "cookie"), (session.UserId, session.SecurityStamp, session.Backend));
        Assert.Equal(("203.0.113.9", "Agent/1"), (session.Ip, session.UserAgent));
        Assert.Equal((Now, Now, Now), (session.CreatedAt, session.LastUsedAt, session.ExpiresAt));
        Assert.False(session.IsLive(_user.SecurityStamp, Now));
        Assert.Equal(new SessionStarted(session.Id, _user.Id), Assert.Single(session.DomainEvents));
    }

    [Fact]
    public void Start_GivesTimeOrderedIds()
    {
        var first = Session.Start(_user, "jwt", SessionClient.Unknown, Now);
        var second = Session.Start(_user, "jwt", SessionClient.Unknown, Now.AddMilliseconds(1));

        Assert.Equal(7, first.Id.Version);
        Assert.True(string.CompareOrdinal(first.Id.ToString(), second.Id.ToString()) < 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Start_WithoutABackend_Throws(string backend) =>
        Assert.ThrowsAny<ArgumentException>(() => Session.Start(_user, backend, SessionClient.Unknown, Now));

    [Fact]
    public void Start_WithABackendNameLongerThanStored_Throws() =>
        Assert.Throws<ArgumentException>(() => Session.Start(_user, new string('b', Session.BackendLength + 1), SessionClient.Unknown, Now));

    [Fact]
    public void ExtendTo_OnlyEverLengthensTheSession()
    {
        var session = Session.Start(_user, "jwt", SessionClient.Unknown, Now);

        session.ExtendTo(Now.AddHours(2));
        session.ExtendTo(Now.AddHours(1));

        Assert.Equal(Now.AddHours(2), session.ExpiresAt);
    }

    [Fact]
    public void IsLive_UntilItExpires_AndOnlyUnderTheStampItStartedWith()
    {
        var session = Session.Start(_user, "jwt", SessionClient.Unknown, Now);
        session.ExtendTo(Now.AddHours(1));

        Assert.True(session.IsLive(_user.SecurityStamp, Now.AddMinutes(59)));
        Assert.False(session.IsLive(_user.SecurityStamp, Now.AddHours(1)));
        _user.RevokeAllTokens(Now);
        Assert.False(session.IsLive(_user.SecurityStamp, Now));
    }

    [Fact]
    public void AUse_IsWorthRecordingOnlyAMinuteOrMoreAfterTheLastRecordedOne()
    {
        Assert.False(Session.IsUseWorthRecording(Now, Now.AddSeconds(59)));
        Assert.True(Session.IsUseWorthRecording(Now, Now.AddSeconds(60)));
    }

    [Theory]
    [InlineData(SessionEndReason.Logout)]
    [InlineData(SessionEndReason.Revoked)]
    [InlineData(SessionEndReason.RefreshTokenReused)]
    public void End_RaisesSessionEndedWithTheReason(SessionEndReason reason)
    {
        var session = Session.Start(_user, "jwt", SessionClient.Unknown, Now);

        session.End(reason);

        Assert.Equal(new SessionEnded(session.Id, _user.Id, reason), session.DomainEvents[^1]);
    }
}
