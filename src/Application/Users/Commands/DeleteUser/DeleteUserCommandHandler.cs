using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Common.Events;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;

namespace Users.Application.Users.Commands.DeleteUser;

public sealed class DeleteUserCommandHandler(IUserRepository users, IUnitOfWork unitOfWork, IDomainEventPublisher events)
    : IRequestHandler<DeleteUserCommand, Result>
{
    public async Task<Result> Handle(DeleteUserCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(request.Id, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        // Published now, not after the commit like the other events: its handlers may still need what the deletion
        // takes away. A handler that throws stops the deletion.
        await events.PublishAsync(new UserDeleting(user.Id, user.Email), cancellationToken);
        user.MarkDeleted();
        users.Remove(user);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
