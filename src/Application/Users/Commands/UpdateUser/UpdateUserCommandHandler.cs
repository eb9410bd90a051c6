using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Users.Services;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Users.Commands.UpdateUser;

public sealed class UpdateUserCommandHandler(IUserRepository users, UserUpdater updater)
    : IRequestHandler<UpdateUserCommand, Result<UserRead>>
{
    public async Task<Result<UserRead>> Handle(UpdateUserCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(request.Id, cancellationToken);
        return user is null
            ? UserErrors.NotFound
            : await updater.UpdateAsync(
                user, request.Email, request.Password, request.IsActive, request.IsSuperuser, request.IsVerified, cancellationToken);
    }
}
