using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Security;
using Users.Domain.Common;
using Users.Domain.Sessions;
using Users.Domain.Users;

namespace Users.Application.Users.Queries.GetCurrentUser;

public sealed class GetCurrentUserQueryHandler(IEnumerable<IAccessTokenStrategy> strategies, IUserAccessReader users, TimeProvider time)
    : IRequestHandler<GetCurrentUserQuery, Result<UserAccess>>
{
    public async Task<Result<UserAccess>> Handle(GetCurrentUserQuery request, CancellationToken cancellationToken)
    {
        var claims = await strategies.Named(request.Strategy).ReadAsync(request.AccessToken, cancellationToken);
        if (claims is null)
        {
            return UserErrors.Unauthorized;
        }

        // One query: the user, and whether the token's session is still one of theirs.
        var access = await users.FindAccessAsync(claims.UserId, claims.SessionId, cancellationToken);
        if (claims.IsLegacy)
        {
            // No session to check; the stamp must still be the one the adoption gave (see User.AdoptedStampPrefix).
            return access is { User.IsActive: true } && User.StampAcceptsLegacyTokens(access.SecurityStamp) ? access : UserErrors.Unauthorized;
        }

        if (access is not { SessionLastUsedAt: { } lastUsed } || !access.User.IsActive || !ConstantTime.Equals(access.SecurityStamp, claims.SecurityStamp))
        {
            return UserErrors.Unauthorized;
        }

        var now = time.GetUtcNow();
        if (Session.IsUseWorthRecording(lastUsed, now))
        {
            await users.TouchSessionAsync(claims.SessionId, now, cancellationToken);
        }

        return access;
    }
}
