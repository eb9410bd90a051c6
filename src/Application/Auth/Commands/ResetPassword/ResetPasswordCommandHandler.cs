using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Auth.Commands.ResetPassword;

public sealed class ResetPasswordCommandHandler(
    IUserRepository users,
    IUnitOfWork unitOfWork,
    IUserActionTokens tokens,
    IPasswordHasher passwordHasher,
    IPasswordPolicy passwordPolicy,
    ILoginThrottle throttle,
    TimeProvider time) : IRequestHandler<ResetPasswordCommand, Result>
{
    public async Task<Result> Handle(ResetPasswordCommand request, CancellationToken cancellationToken)
    {
        var claims = await tokens.ReadResetPasswordTokenAsync(request.Token!, cancellationToken);
        if (claims is null)
        {
            return UserErrors.ResetPasswordBadToken;
        }

        var user = await users.GetByIdAsync(claims.UserId, cancellationToken);
        if (user is null || !user.IsActive)
        {
            return UserErrors.ResetPasswordBadToken;
        }

        // The token names the password hash it was issued for; after any change of password it is spent.
        if (!tokens.MatchesCurrentPassword(user, claims.PasswordFingerprint))
        {
            return UserErrors.ResetPasswordBadToken;
        }

        // Refused before anything changes, so the same token can be used again with a better password.
        var rejection = await passwordPolicy.CheckAsync(request.Password!, user.Email, cancellationToken);
        if (rejection is not null)
        {
            return UserErrors.ResetPasswordInvalidPassword(rejection);
        }

        user.ResetPassword(await passwordHasher.HashAsync(request.Password!, cancellationToken), time.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await throttle.ClearAsync(user.NormalizedEmail, cancellationToken); // whoever guessed before, the owner chose anew
        return Result.Success();
    }
}
