using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Users.Commands.ClearLockout;

public sealed class ClearLockoutCommandHandler(IUserRepository users, ILoginThrottle throttle) : IRequestHandler<ClearLockoutCommand, Result>
{
    public async Task<Result> Handle(ClearLockoutCommand request, CancellationToken cancellationToken)
    {
        var user = await users.FindForReadAsync(request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        await throttle.ClearAsync(user.NormalizedEmail, cancellationToken);
        return Result.Success();
    }
}
