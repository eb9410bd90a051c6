using MediatR;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Common.Telemetry;
using Users.Application.Sessions;
using Users.Application.Settings;
using Users.Domain.Common;
using Users.Domain.Sessions;
using Users.Domain.Users;

namespace Users.Application.Auth.Commands.Refresh;

public sealed class RefreshCommandHandler(
    IRefreshTokenRepository refreshTokens,
    IRefreshTokenCodec codec,
    ISessionRepository sessions,
    IUserRepository users,
    IEnumerable<IAccessTokenStrategy> strategies,
    RefreshTokenIssuer issuer,
    IUnitOfWork unitOfWork,
    IOptions<UserManagementOptions> options,
    TimeProvider time) : IRequestHandler<RefreshCommand, Result<TokenPair>>
{
    public async Task<Result<TokenPair>> Handle(RefreshCommand request, CancellationToken cancellationToken)
    {
        var presented = request.RefreshToken!;
        if (!codec.IsWellFormed(presented)
            || await refreshTokens.GetByHashAsync(codec.Hash(presented), cancellationToken) is not { } token
            || await sessions.GetByIdAsync(token.SessionId, cancellationToken) is not { } session
            || await users.GetByIdAsync(session.UserId, cancellationToken) is not { IsActive: true } user)
        {
            UsersMetrics.Refresh("refused");
            return UserErrors.RefreshTokenInvalid;
        }

        var now = time.GetUtcNow();
        if (!session.IsLive(user.SecurityStamp, now))
        {
            UsersMetrics.Refresh("refused");
            return UserErrors.RefreshTokenInvalid; // ended by a password change, a deactivation or "log out everywhere"
        }

        if (token.IsSpent)
        {
            var reuseInterval = TimeSpan.FromSeconds(options.Value.RefreshTokens.ReuseIntervalSeconds);
            if (token.IsWithinReuseInterval(now, reuseInterval) && codec.Unseal(presented, token.SealedSuccessor!) is { } pair)
            {
                UsersMetrics.Refresh("repeated");
                return pair; // a concurrent or repeated exchange of the same token: the same successor
            }

            // A spent token came back: a copy of it is in other hands. Nothing of this session can be trusted now.
            session.End(SessionEndReason.RefreshTokenReused);
            sessions.Remove(session);
            await unitOfWork.SaveChangesAsync(cancellationToken);
            UsersMetrics.Refresh("reuse_detected");
            return UserErrors.RefreshTokenInvalid;
        }

        if (token.ExpiresAt <= now)
        {
            UsersMetrics.Refresh("refused");
            return UserErrors.RefreshTokenInvalid;
        }

        var access = await strategies.Named(AccessTokenStrategyNames.Jwt).IssueAsync(user, session, cancellationToken);
        session.ExtendTo(access.UsableUntil);
        var successor = new TokenPair(access.Value, issuer.Issue(session, now), access.ExpiresInSeconds);
        token.Spend(now, codec.Seal(presented, successor)); // commits only if no racing exchange spent it first
        await unitOfWork.SaveChangesAsync(cancellationToken);
        UsersMetrics.Refresh("rotated");
        return successor;
    }
}
