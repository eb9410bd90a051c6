using System.Security.Cryptography;
using MediatR;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.OAuth;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Auth.Commands.Login;
using Users.Application.Sessions;
using Users.Application.Settings;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.OAuth.Commands.SignInWithOAuth;

public sealed class SignInWithOAuthCommandHandler(
    OAuthCallbackVerifier verifier,
    IUserRepository users,
    IProviderTokenProtector tokenProtector,
    IPasswordHasher passwordHasher,
    SessionSignIn signIn,
    IOptions<OAuthOptions> options,
    TimeProvider time) : IRequestHandler<SignInWithOAuthCommand, Result<LoginResult>>
{
    public async Task<Result<LoginResult>> Handle(SignInWithOAuthCommand request, CancellationToken cancellationToken)
    {
        var verified = await verifier.VerifyAsync(request.Callback, associatingUserId: null, cancellationToken);
        if (!verified.IsSuccess)
        {
            return verified.Error;
        }

        var provider = options.Value.Providers[request.Callback.Provider];
        var tokens = tokenProtector.Protect(verified.Value.Tokens);
        return await OAuthLinkRaces.RetryAsync(() => SignInAsync(verified.Value, tokens, provider, request.SignIn, cancellationToken));
    }

    private async Task<Result<LoginResult>> SignInAsync(
        VerifiedOAuthCallback verified, ProviderTokens tokens, OAuthProviderOptions provider, SignInRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var identity = verified.Identity;
        var user = await users.GetByOAuthAccountAsync(identity.ProviderName, identity.AccountId, cancellationToken)
            ?? await users.GetByNormalizedEmailAsync(identity.AccountEmail.Normalized, cancellationToken);
        if (user is null)
        {
            user = User.RegisterFromProvider(identity, tokens, await passwordHasher.HashAsync(UnknownPassword(), cancellationToken), provider.IsVerifiedByDefault, now);
            users.Add(user);
        }
        else if (!user.OAuthAccounts.Any(a => a.Is(identity)) && ByAddressRefusal(provider, verified) is { } refusal)
        {
            return refusal;
        }
        else
        {
            user.LinkOAuthAccount(identity, tokens, now); // a new link, or the provider's latest tokens and address
        }

        if (!user.IsActive)
        {
            return UserErrors.LoginBadCredentials;
        }

        return await signIn.SignInAsync(user, request, now, cancellationToken);
    }

    // An unknown provider account whose address a user has is linked only when the provider allows it and verified the
    // address: else whoever registers the address at a lax provider takes the account.
    private static Error? ByAddressRefusal(OAuthProviderOptions provider, VerifiedOAuthCallback verified) =>
        !provider.AssociateByEmail ? OAuthErrors.UserAlreadyExists
        : !verified.EmailVerified ? OAuthErrors.EmailNotVerified
        : null;

    // Nobody knows it: such a user signs in through the provider, or sets a password through "forgot password".
    private static string UnknownPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
