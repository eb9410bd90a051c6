using MapsterMapper;
using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Users.Queries.GetUserById;

public sealed class GetUserByIdQueryHandler(IUserRepository users, IMapper mapper) : IRequestHandler<GetUserByIdQuery, Result<UserRead>>
{
    public async Task<Result<UserRead>> Handle(GetUserByIdQuery request, CancellationToken cancellationToken)
    {
        var user = await users.FindForReadAsync(request.Id, cancellationToken);
        return user is null ? UserErrors.NotFound : mapper.Map<UserRead>(user);
    }
}
