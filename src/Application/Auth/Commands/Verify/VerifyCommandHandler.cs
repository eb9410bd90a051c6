using MapsterMapper;
using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Users;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Auth.Commands.Verify;

public sealed class VerifyCommandHandler(IUserRepository users, IUnitOfWork unitOfWork, IUserActionTokens tokens, IMapper mapper, TimeProvider time)
    : IRequestHandler<VerifyCommand, Result<UserRead>>
{
    public async Task<Result<UserRead>> Handle(VerifyCommand request, CancellationToken cancellationToken)
    {
        var claims = await tokens.ReadVerifyTokenAsync(request.Token!, cancellationToken);
        if (claims is null)
        {
            return UserErrors.VerifyUserBadToken;
        }

        // The token vouches for the address it was mailed to; once the user has another one, it proves nothing.
        // Re-casing keeps the address (same normalized form), so it keeps the token valid too.
        var user = await users.GetByIdAsync(claims.UserId, cancellationToken);
        if (user is null
            || !string.Equals(Email.NormalizeForLookup(claims.Email), user.NormalizedEmail, StringComparison.Ordinal))
        {
            return UserErrors.VerifyUserBadToken;
        }

        var verified = user.Verify(time.GetUtcNow());
        if (!verified.IsSuccess)
        {
            return verified.Error;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<UserRead>(user);
    }
}
