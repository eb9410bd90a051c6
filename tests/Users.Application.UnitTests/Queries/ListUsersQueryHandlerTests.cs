using NSubstitute;
using Users.Application.Abstractions.Persistence;
using Users.Application.Common;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Application.Users.Queries.ListUsers;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.TestSupport;

namespace Users.Application.UnitTests.Queries;

public sealed class ListUsersQueryHandlerTests
{
    private readonly Ports _ports = new();
    private UserListCriteria? _asked;

    private Task<Result<UserPage>> List(ListUsersQuery query) =>
        new ListUsersQueryHandler(_ports.Users, Ports.Mapper).Handle(query, CancellationToken.None);

    /// <summary>The repository answers with <paramref name="count"/> users (at most what it was asked for).</summary>
    private List<User> RepositoryHolds(int count)
    {
        var users = Enumerable.Range(0, count).Select(i => new UserBuilder().WithEmail($"user{i}@example.com").Build()).ToList();
        _ports.Users.ListAsync(Arg.Do<UserListCriteria>(c => _asked = c), Arg.Any<CancellationToken>())
            .Returns(call => users.Take(call.Arg<UserListCriteria>().Limit).ToList());
        return users;
    }

    [Fact]
    public async Task List_AsksRepositoryForOneMoreThanTheLimit()
    {
        RepositoryHolds(0);

        await List(new ListUsersQuery(Limit: 10));

        Assert.Equal(11, _asked?.Limit);
    }

    [Fact]
    public async Task List_WithoutLimit_UsesDefaultOf50()
    {
        RepositoryHolds(0);

        await List(new ListUsersQuery());

        Assert.Equal(ListUsersQuery.DefaultLimit + 1, _asked?.Limit);
        Assert.Equal(50, ListUsersQuery.DefaultLimit);
    }

    [Fact]
    public async Task List_WhenMoreRowsExist_ReturnsLimitItemsAndCursorOfTheLastItem()
    {
        var users = RepositoryHolds(4);

        var page = ResultAssert.Succeeded(await List(new ListUsersQuery(Limit: 3)));

        Assert.Equal(users.Take(3).Select(u => u.Id), page.Items.Select(i => i.Id));
        Assert.Equal(["user0@example.com", "user1@example.com", "user2@example.com"], page.Items.Select(i => i.Email));
        Assert.NotNull(page.NextCursor);
        Assert.True(KeysetCursor.TryDecode(page.NextCursor, out var lastId));
        Assert.Equal(users[2].Id, lastId);
    }

    [Fact]
    public async Task List_ReturnsEachUserAsItsReadModel()
    {
        var user = new UserBuilder().WithEmail("Carol@example.com").Inactive().Superuser().Verified().Build();
        _ports.Users.ListAsync(Arg.Any<UserListCriteria>(), Arg.Any<CancellationToken>()).Returns([user]);

        var page = ResultAssert.Succeeded(await List(new ListUsersQuery()));

        var expected = new UserRead { Id = user.Id, Email = "Carol@example.com", IsActive = false, IsSuperuser = true, IsVerified = true };
        Assert.Equal(expected, Assert.Single(page.Items));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task List_WhenNoMoreRowsExist_ReturnsNoCursor(int rows)
    {
        RepositoryHolds(rows);

        var page = ResultAssert.Succeeded(await List(new ListUsersQuery(Limit: 3)));

        Assert.Equal(rows, page.Items.Count);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task List_WithCursor_AsksForUsersAfterTheCursorId()
    {
        RepositoryHolds(0);
        var lastId = Guid.CreateVersion7();

        await List(new ListUsersQuery(Cursor: KeysetCursor.Encode(lastId)));

        Assert.Equal(lastId, _asked?.After);
    }

    [Fact]
    public async Task List_WithoutCursorOrFilters_AsksFromTheStartUnfiltered()
    {
        RepositoryHolds(0);

        await List(new ListUsersQuery());

        Assert.Equal(new UserListCriteria(51, null, null, null), _asked);
    }

    [Fact]
    public async Task List_WithEmailPrefixAndActiveFilter_PassesLowerCasedPrefixAndFilter()
    {
        RepositoryHolds(0);

        await List(new ListUsersQuery(Email: " Alice@EX ", IsActive: false));

        Assert.Equal("alice@ex", _asked?.NormalizedEmailPrefix);
        Assert.False(_asked?.IsActive);
    }

    [Fact]
    public void KeysetCursor_RoundTripsAnId()
    {
        var id = Guid.CreateVersion7();

        var cursor = KeysetCursor.Encode(id);

        Assert.Equal(22, cursor.Length);
        Assert.True(KeysetCursor.TryDecode(cursor, out var decoded));
        Assert.Equal(id, decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA A")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA+/")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAB")] // non-zero padding bits: a second spelling of an issued cursor
    public void KeysetCursor_RejectsGarbage(string cursor) => Assert.False(KeysetCursor.TryDecode(cursor, out _));
}
