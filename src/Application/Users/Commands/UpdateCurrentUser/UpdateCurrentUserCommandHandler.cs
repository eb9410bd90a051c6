using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Users.Services;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Users.Commands.UpdateCurrentUser;

public sealed class UpdateCurrentUserCommandHandler(IUserRepository users, UserUpdater updater)
    : IRequestHandler<UpdateCurrentUserCommand, Result<UserRead>>
{
    public async Task<Result<UserRead>> Handle(UpdateCurrentUserCommand request, CancellationToken cancellationToken)
    {
        // The caller was authenticated a moment ago; a user deleted since then is no longer authorized.
        var user = await users.GetByIdAsync(request.UserId, cancellationToken);
        if (user is null || !user.IsActive)
        {
            return UserErrors.Unauthorized;
        }

        return await updater.UpdateAsync(user, request.Email, request.Password, null, null, null, cancellationToken);
    }
}
