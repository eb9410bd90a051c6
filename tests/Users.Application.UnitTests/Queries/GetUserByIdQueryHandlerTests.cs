using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Application.Users.Queries.GetUserById;
using Users.Domain.Common;
using Users.TestSupport;

namespace Users.Application.UnitTests.Queries;

public sealed class GetUserByIdQueryHandlerTests
{
    private readonly Ports _ports = new();

    private Task<Result<UserRead>> Get(Guid id) =>
        new GetUserByIdQueryHandler(_ports.Users, Ports.Mapper).Handle(new GetUserByIdQuery(id), CancellationToken.None);

    [Fact]
    public async Task GetUserById_WhenFound_ReturnsUserRead()
    {
        var user = new UserBuilder().WithEmail("Carol@example.com").Inactive().Build();
        _ports.Store(user);

        var read = ResultAssert.Succeeded(await Get(user.Id));

        Assert.Equal(new UserRead { Id = user.Id, Email = "Carol@example.com", IsActive = false, IsSuperuser = false, IsVerified = false }, read);
    }

    [Fact]
    public async Task GetUserById_WhenNotFound_ReturnsNotFound()
    {
        var error = ResultAssert.Failed(await Get(Guid.NewGuid()), "Not Found");

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }
}
