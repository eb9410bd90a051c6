using Users.Application.Abstractions.OAuth;
using Users.Application.Security;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.OAuth;

/// <summary>
/// The checks both callback routes make, in the contract's order: the provider's own error, the code, the state (ours,
/// for OAuth, unexpired), the CSRF cookie against the state's token, the state's user in the associate flow, and only
/// then the code exchange (PKCE verifier included) and the address the provider reports. A forged or replayed state
/// therefore never spends a code at the provider.
/// </summary>
public sealed class OAuthCallbackVerifier(IOAuthStateTokens states, IOAuthProviderClient provider)
{
    /// <param name="callback">The callback's parameters.</param>
    /// <param name="associatingUserId">The caller in the associate flow, whom the state must name; <c>null</c> at sign-in.</param>
    /// <param name="cancellationToken">Cancels the calls to the provider.</param>
    public async Task<Result<VerifiedOAuthCallback>> VerifyAsync(OAuthCallback callback, Guid? associatingUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!string.IsNullOrEmpty(callback.Error))
        {
            return OAuthErrors.Provider(callback.Error);
        }

        if (string.IsNullOrEmpty(callback.Code))
        {
            return OAuthErrors.BadRequest;
        }

        var state = await states.ReadAsync(callback.State);
        switch (state.Outcome)
        {
            case OAuthStateOutcome.Invalid:
                return OAuthErrors.StateDecodeError;
            case OAuthStateOutcome.Expired:
                return OAuthErrors.StateExpired;
        }

        // Constant time: the cookie is a secret the attacker of a login CSRF does not have.
        if (string.IsNullOrEmpty(callback.CsrfCookie) || !ConstantTime.Equals(state.CsrfToken, callback.CsrfCookie))
        {
            return OAuthErrors.InvalidState;
        }

        if (associatingUserId is { } caller && state.UserId != caller)
        {
            return OAuthErrors.BadRequest;
        }

        var account = await provider.ExchangeAsync(
            callback.Provider, new OAuthCodeExchange(callback.Code, callback.RedirectUri, state.CodeVerifier), cancellationToken);
        if (!account.IsSuccess)
        {
            return account.Error;
        }

        // An address the provider has but we would not accept (a special-use domain, say) is as good as none.
        var email = Email.Create(account.Value.Email);
        if (account.Value.Email is null || !email.IsSuccess)
        {
            return OAuthErrors.NotAvailableEmail;
        }

        var identity = new OAuthIdentity(callback.Provider, account.Value.AccountId, email.Value);
        return new VerifiedOAuthCallback(identity, account.Value.EmailVerified, account.Value.Tokens);
    }
}
