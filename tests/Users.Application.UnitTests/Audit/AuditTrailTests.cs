using NSubstitute;
using Users.Application.Abstractions.Audit;
using Users.Application.Audit;
using Users.Domain.Audit;
using Users.Domain.Common;
using Users.Domain.Sessions;
using Users.Domain.Sessions.Events;
using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Application.UnitTests.Audit;

public sealed class AuditTrailTests
{
    private static readonly DateTimeOffset Now = UserBuilder.DefaultCreatedAt.AddDays(3);

    private readonly IAuditContext _anonymous = Context(actor: null, session: null);
    private readonly User _user = new UserBuilder().Build();

    private static IAuditContext Context(Guid? actor, Guid? session)
    {
        var context = Substitute.For<IAuditContext>();
        context.ActorId.Returns(actor);
        context.SessionId.Returns(session);
        context.Client.Returns(new SessionClient("198.51.100.9", "Agent/3"));
        return context;
    }

    private List<AuditEvent> Entries(IDomainEvent domainEvent, IAuditContext? context = null, object? source = null) =>
        AuditTrail.EntriesFor(domainEvent, source ?? _user, context ?? _anonymous, Now, TimeOrderedIds.Sequence(Now)).ToList();

    [Fact]
    public void ALogin_IsLoginSucceeded_InItsNewSession_ByTheUser_FromTheClient()
    {
        var sessionId = Guid.NewGuid();

        var entry = Assert.Single(Entries(new SessionStarted(sessionId, _user.Id)));

        Assert.Equal((AuditEventType.LoginSucceeded, _user.Id, _user.Id, sessionId, Now), (entry.Type, entry.UserId, entry.ActorId, entry.SessionId, entry.At));
        Assert.Equal(("198.51.100.9", "Agent/3"), (entry.Ip, entry.UserAgent));
    }

    [Theory]
    [InlineData(SessionEndReason.Logout, AuditEventType.Logout)]
    [InlineData(SessionEndReason.Revoked, AuditEventType.SessionEnded)]
    [InlineData(SessionEndReason.RefreshTokenReused, AuditEventType.RefreshReuseDetected)]
    public void AnEndedSession_IsRecordedByWhyItEnded_WithThatSession(SessionEndReason reason, AuditEventType expected)
    {
        var ended = Guid.NewGuid();

        var entry = Assert.Single(Entries(new SessionEnded(ended, _user.Id, reason), Context(_user.Id, Guid.NewGuid())));

        Assert.Equal((expected, ended), (entry.Type, entry.SessionId));
    }

    [Fact]
    public void AnAdminChange_IsOneEntryPerChangedField_InTheDirectionOfTheNewState_WithTheSuperuserAsActor()
    {
        var admin = Guid.NewGuid();
        var adminSession = Guid.NewGuid();
        _user.Apply(new UserChanges { IsActive = false, IsSuperuser = true, IsVerified = true }, Now);
        var updated = Assert.IsType<UserUpdated>(_user.DomainEvents.Single(e => e is UserUpdated));

        var entries = Entries(updated, Context(admin, adminSession));

        Assert.Equal([AuditEventType.Deactivated, AuditEventType.SuperuserGranted, AuditEventType.Verified], entries.Select(e => e.Type));
        Assert.All(entries, e => Assert.Equal((_user.Id, admin, adminSession), (e.UserId, e.ActorId, e.SessionId)));
    }

    [Fact]
    public void PasswordAndEmailChanges_AndTheirReverseFlags_AreNamed()
    {
        var user = new UserBuilder().Superuser().Build();
        user.Apply(new UserChanges { IsSuperuser = false }, Now);
        var revoked = (UserUpdated)user.DomainEvents[^1];

        Assert.Equal([AuditEventType.SuperuserRevoked], Entries(revoked, source: user).Select(e => e.Type));
        Assert.Equal(
            [AuditEventType.PasswordChanged, AuditEventType.EmailChanged],
            Entries(new UserUpdated(_user.Id, [UserFieldNames.Password, UserFieldNames.Email])).Select(e => e.Type));
        Assert.Empty(Entries(new UserUpdated(_user.Id, [UserFieldNames.IsVerified]))); // an address change that cleared verification
    }

    [Fact]
    public void AnonymousProofs_AreActedByTheUser_OtherAnonymousEventsByNobody()
    {
        Assert.Equal(_user.Id, Assert.Single(Entries(new UserRegistered(_user.Id, _user.Email))).ActorId);
        Assert.Equal(_user.Id, Assert.Single(Entries(new PasswordReset(_user.Id))).ActorId);
        Assert.Equal(_user.Id, Assert.Single(Entries(new UserVerified(_user.Id, _user.Email))).ActorId);
        Assert.Null(Assert.Single(Entries(new SessionEnded(Guid.NewGuid(), _user.Id, SessionEndReason.RefreshTokenReused))).ActorId);
    }

    [Fact]
    public void LogoutEverywhere_AndDeletion_AreRecorded_AndHooksOnlyEventsAreNot()
    {
        Assert.Equal(AuditEventType.SessionEnded, Assert.Single(Entries(new SignedOutEverywhere(_user.Id))).Type);
        Assert.Equal(AuditEventType.UserDeleted, Assert.Single(Entries(new UserDeleted(_user.Id, _user.Email))).Type);
        Assert.Empty(Entries(new SecurityStampRotated(_user.Id)));
        Assert.Empty(Entries(new UserLoggedIn(_user.Id, Now)));
        Assert.Empty(Entries(new ForgotPasswordRequested(_user.Id, _user.Email, "a-reset-token")));
    }
}
