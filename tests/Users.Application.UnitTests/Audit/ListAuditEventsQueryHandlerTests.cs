using NSubstitute;
using Users.Application.Audit.Queries.ListAuditEvents;
using Users.Application.Common;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Audit;
using Users.Domain.Common;
using Users.Domain.Sessions;
using Users.TestSupport;

namespace Users.Application.UnitTests.Audit;

public sealed class ListAuditEventsQueryHandlerTests
{
    private readonly Ports _ports = new();

    private Task<Result<AuditPage>> List(Guid userId, int? limit = null, string? cursor = null) =>
        new ListAuditEventsQueryHandler(_ports.Audit, _ports.Users, Ports.Mapper).Handle(new ListAuditEventsQuery(userId, limit, cursor), CancellationToken.None);

    private static AuditEvent Entry(Guid userId, int minute) =>
        AuditEvent.Record(AuditEventType.LoginSucceeded, Ports.Start.AddMinutes(minute), userId, userId, new SessionClient("192.0.2.7", "Agent/4"), Guid.NewGuid());

    [Fact]
    public async Task APage_AsksForOneMoreThanTheLimit_AndCursorsOnTheLastItemShown()
    {
        var user = _ports.Store(new UserBuilder());
        var rows = Enumerable.Range(0, 3).Select(i => Entry(user.Id, 10 - i)).ToList();
        _ports.Audit.ListAsync(user.Id, null, 3, Arg.Any<CancellationToken>()).Returns(rows);

        var page = ResultAssert.Succeeded(await List(user.Id, limit: 2));

        Assert.Equal(rows.Take(2).Select(r => r.Id), page.Items.Select(i => i.Id));
        Assert.Equal(KeysetCursor.Encode(rows[1].Id), page.NextCursor);
        var first = page.Items[0];
        Assert.Equal(("login_succeeded", user.Id, user.Id, "192.0.2.7", "Agent/4"), (first.Type, first.UserId, first.ActorId, first.Ip, first.UserAgent));
        Assert.Equal(rows[0].SessionId, first.SessionId);
    }

    [Fact]
    public async Task TheLastPage_HasNoCursor_AndTheCursorIsDecodedForTheNextRead()
    {
        var user = _ports.Store(new UserBuilder());
        var last = Guid.CreateVersion7();
        _ports.Audit.ListAsync(user.Id, last, ListAuditEventsQuery.DefaultLimit + 1, Arg.Any<CancellationToken>()).Returns([Entry(user.Id, 1)]);

        var page = ResultAssert.Succeeded(await List(user.Id, cursor: KeysetCursor.Encode(last)));

        Assert.Single(page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task AnUnknownUser_WithNoTrail_IsNotFound()
    {
        _ports.Audit.ListAsync(Arg.Any<Guid>(), Arg.Any<Guid?>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns([]);

        ResultAssert.Failed(await List(Guid.NewGuid()), "Not Found");
    }

    [Fact]
    public async Task ADeletedUsersTrail_IsStillReadable()
    {
        var gone = Guid.NewGuid();
        _ports.Audit.ListAsync(gone, null, Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns([Entry(gone, 1)]);

        Assert.Single(ResultAssert.Succeeded(await List(gone)).Items);
    }
}
