using Users.Domain.Audit;
using Users.Domain.Sessions;

namespace Users.Domain.UnitTests.Audit;

public sealed class AuditEventTests
{
    [Fact]
    public void TypeNames_AreExactlyTheContracts()
    {
        Assert.Equal(
            [
                "registered", "login_succeeded", "login_failed", "login_locked", "logout", "session_ended", "refresh_reuse_detected",
                "password_changed", "password_reset", "email_changed", "verified", "activated", "deactivated", "superuser_granted",
                "superuser_revoked", "user_deleted", "oauth_linked", "oauth_unlinked",
            ],
            Enum.GetValues<AuditEventType>().Select(AuditEventTypes.Name));
    }

    [Fact]
    public void TypeNames_ParseBack_AndFitTheColumn()
    {
        Assert.All(Enum.GetValues<AuditEventType>(), t =>
        {
            Assert.Equal(t, AuditEventTypes.Parse(AuditEventTypes.Name(t)));
            Assert.True(AuditEventTypes.Name(t).Length <= AuditEventTypes.NameLength);
        });
        Assert.Throws<ArgumentException>(() => AuditEventTypes.Parse("LoginSucceeded"));
    }

    [Fact]
    public void Record_KeepsWhatHappenedToWhomByWhomFromWhere()
    {
        var at = new DateTimeOffset(2026, 12, 2, 1, 30, 0, TimeSpan.Zero);
        var (user, actor, session) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var entry = AuditEvent.Record(AuditEventType.Deactivated, at, user, actor, new SessionClient("192.0.2.1", "Agent/2"), session);

        Assert.Equal((AuditEventType.Deactivated, at, user, actor, session), (entry.Type, entry.At, entry.UserId, entry.ActorId, entry.SessionId));
        Assert.Equal(("192.0.2.1", "Agent/2"), (entry.Ip, entry.UserAgent));
        Assert.Equal(7, entry.Id.Version);
    }
}
