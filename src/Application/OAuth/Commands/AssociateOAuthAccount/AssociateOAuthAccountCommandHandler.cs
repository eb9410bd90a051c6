using MapsterMapper;
using MediatR;
using Users.Application.Abstractions.OAuth;
using Users.Application.Abstractions.Persistence;
using Users.Application.Users;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.OAuth.Commands.AssociateOAuthAccount;

public sealed class AssociateOAuthAccountCommandHandler(
    OAuthCallbackVerifier verifier,
    IUserRepository users,
    IProviderTokenProtector tokenProtector,
    IUnitOfWork unitOfWork,
    IMapper mapper,
    TimeProvider time) : IRequestHandler<AssociateOAuthAccountCommand, Result<UserRead>>
{
    public async Task<Result<UserRead>> Handle(AssociateOAuthAccountCommand request, CancellationToken cancellationToken)
    {
        var verified = await verifier.VerifyAsync(request.Callback, request.UserId, cancellationToken);
        if (!verified.IsSuccess)
        {
            return verified.Error;
        }

        var tokens = tokenProtector.Protect(verified.Value.Tokens);
        return await OAuthLinkRaces.RetryAsync(() => LinkAsync(request.UserId, verified.Value.Identity, tokens, cancellationToken));
    }

    private async Task<Result<UserRead>> LinkAsync(Guid userId, OAuthIdentity identity, ProviderTokens tokens, CancellationToken cancellationToken)
    {
        var owner = await users.GetByOAuthAccountAsync(identity.ProviderName, identity.AccountId, cancellationToken);
        if (owner is not null && owner.Id != userId)
        {
            return OAuthErrors.AccountAlreadyLinked;
        }

        var user = owner ?? await users.GetWithOAuthAccountsAsync(userId, cancellationToken);
        if (user is null)
        {
            return UserErrors.Unauthorized; // deleted since the request was authenticated
        }

        user.LinkOAuthAccount(identity, tokens, time.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<UserRead>(user);
    }
}
