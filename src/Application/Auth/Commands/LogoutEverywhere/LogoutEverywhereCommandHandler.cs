using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Auth.Commands.LogoutEverywhere;

public sealed class LogoutEverywhereCommandHandler(IUserRepository users, IUnitOfWork unitOfWork, TimeProvider time)
    : IRequestHandler<LogoutEverywhereCommand, Result>
{
    public async Task<Result> Handle(LogoutEverywhereCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(request.UserId, cancellationToken);
        if (user is null || !user.IsActive)
        {
            return UserErrors.Unauthorized;
        }

        if (!string.Equals(user.SecurityStamp, request.SecurityStamp, StringComparison.Ordinal))
        {
            return Result.Success(); // rotated since the caller authenticated: the tokens this request is about are dead
        }

        // A new security stamp rejects every JWT issued so far; its event deletes the database tokens.
        user.RevokeAllTokens(time.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
