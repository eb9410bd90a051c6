using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Users.Queries.GetLockout;

public sealed class GetLockoutQueryHandler(IUserRepository users, ILoginThrottle throttle) : IRequestHandler<GetLockoutQuery, Result<LockoutRead>>
{
    public async Task<Result<LockoutRead>> Handle(GetLockoutQuery request, CancellationToken cancellationToken)
    {
        var user = await users.FindForReadAsync(request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var state = await throttle.GetAsync(user.NormalizedEmail, cancellationToken);
        return new LockoutRead(state.Failures, state.LockedUntil?.UtcDateTime);
    }
}
