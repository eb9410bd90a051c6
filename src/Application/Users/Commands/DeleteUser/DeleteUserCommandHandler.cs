using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Users.Commands.DeleteUser;

public sealed class DeleteUserCommandHandler(IUserRepository users, IUnitOfWork unitOfWork) : IRequestHandler<DeleteUserCommand, Result>
{
    public async Task<Result> Handle(DeleteUserCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(request.Id, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        user.MarkDeleted();
        users.Remove(user);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
