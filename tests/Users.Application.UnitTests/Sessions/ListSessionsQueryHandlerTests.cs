using NSubstitute;
using Users.Application.Sessions;
using Users.Application.Sessions.Queries.ListSessions;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Common;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.TestSupport;

namespace Users.Application.UnitTests.Sessions;

public sealed class ListSessionsQueryHandlerTests
{
    private readonly Ports _ports = new();

    private Task<Result<IReadOnlyList<SessionRead>>> List(Guid userId, Guid? current) =>
        new ListSessionsQueryHandler(_ports.Users, _ports.Sessions, _ports.Time)
            .Handle(new ListSessionsQuery(userId, current), CancellationToken.None);

    private Session Started(User user, string backend, SessionClient client)
    {
        var session = Session.Start(user, backend, client, _ports.Time.GetUtcNow());
        session.ExtendTo(_ports.Time.GetUtcNow().AddHours(1));
        return session;
    }

    [Fact]
    public async Task List_UnknownUser_IsNotFound_WithoutReadingSessions()
    {
        ResultAssert.Failed(await List(Guid.NewGuid(), null), "Not Found");

        await _ports.Sessions.DidNotReceiveWithAnyArgs().ListUnexpiredAsync(default, default, default);
    }

    [Fact]
    public async Task List_ShowsEachSessionAsStored_AndMarksOnlyTheCurrentOne()
    {
        var user = _ports.Store(new UserBuilder());
        var phone = Started(user, "jwt", new SessionClient("198.51.100.4", "Phone/1.0"));
        var laptop = Started(user, "cookie", new SessionClient("2001:db8::1", "Laptop/2.0"));
        _ports.Sessions.ListUnexpiredAsync(user.Id, _ports.Time.GetUtcNow(), Arg.Any<CancellationToken>()).Returns([laptop, phone]);

        var sessions = ResultAssert.Succeeded(await List(user.Id, phone.Id));

        Assert.Equal(
            [
                new SessionRead { Id = laptop.Id, CreatedAt = laptop.CreatedAt, LastUsedAt = laptop.LastUsedAt, UserAgent = "Laptop/2.0", Ip = "2001:db8::1", Backend = "cookie", Current = false },
                new SessionRead { Id = phone.Id, CreatedAt = phone.CreatedAt, LastUsedAt = phone.LastUsedAt, UserAgent = "Phone/1.0", Ip = "198.51.100.4", Backend = "jwt", Current = true },
            ],
            sessions);
    }

    [Fact]
    public async Task List_LeavesOutSessionsFromBeforeTheUsersLastStampChange()
    {
        var user = _ports.Store(new UserBuilder());
        var before = Started(user, "jwt", SessionClient.Unknown);
        user.RevokeAllTokens(_ports.Time.GetUtcNow());
        var after = Started(user, "jwt", SessionClient.Unknown);
        _ports.Sessions.ListUnexpiredAsync(user.Id, Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns([after, before]);

        var sessions = ResultAssert.Succeeded(await List(user.Id, null));

        Assert.Equal([after.Id], sessions.Select(s => s.Id));
    }
}
