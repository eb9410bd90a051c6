using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.OAuth.Commands.UnlinkOAuthAccount;

public sealed class UnlinkOAuthAccountCommandHandler(IUserRepository users, IUnitOfWork unitOfWork)
    : IRequestHandler<UnlinkOAuthAccountCommand, Result>
{
    public async Task<Result> Handle(UnlinkOAuthAccountCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetWithOAuthAccountsAsync(request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.Unauthorized; // deleted since the request was authenticated
        }

        var unlinked = user.UnlinkOAuthAccount(request.AccountId);
        if (!unlinked.IsSuccess)
        {
            return unlinked;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return unlinked;
    }
}
