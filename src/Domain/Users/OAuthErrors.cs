using System.Text.RegularExpressions;
using Users.Domain.Common;

namespace Users.Domain.Users;

/// <summary>The contract's error codes of the OAuth2 / OpenID Connect routes, each in one place.</summary>
public static partial class OAuthErrors
{
    /// <summary>The callback came without a code (and without an error from the provider), or its state is not the caller's.</summary>
    public static readonly Error BadRequest = new("Bad Request", ErrorKind.Failure, "The callback is missing its code or does not belong to this user.");

    public static readonly Error StateDecodeError =
        new("ACCESS_TOKEN_DECODE_ERROR", ErrorKind.Failure, "The state is not one this service issued for this flow.");

    public static readonly Error StateExpired =
        new("ACCESS_TOKEN_ALREADY_EXPIRED", ErrorKind.Failure, "The state has expired; start again from the authorize route.");

    public static readonly Error InvalidState =
        new("OAUTH_INVALID_STATE", ErrorKind.Failure, "The state does not match this browser's CSRF cookie.");

    public static readonly Error NotAvailableEmail =
        new("OAUTH_NOT_AVAILABLE_EMAIL", ErrorKind.Failure, "The provider did not give an email address for the account.");

    public static readonly Error UserAlreadyExists =
        new("OAUTH_USER_ALREADY_EXISTS", ErrorKind.Failure, "A user with this email already exists; sign in and link the account instead.");

    public static readonly Error EmailNotVerified =
        new("OAUTH_EMAIL_NOT_VERIFIED", ErrorKind.Failure, "The provider has not verified this email address, so it is not linked to the existing user.");

    public static readonly Error AccountAlreadyLinked =
        new("OAUTH_ACCOUNT_ALREADY_LINKED", ErrorKind.Failure, "This provider account is linked to another user.");

    public static readonly Error AccountNotFound = new("Not Found", ErrorKind.NotFound, "The user has no linked provider account with this id.");

    public static readonly Error ProviderUnavailable =
        new("OAUTH_PROVIDER_UNAVAILABLE", ErrorKind.BadGateway, "The provider could not be reached or gave an answer that could not be used.");

    public static readonly Error ProviderTimeout =
        new("OAUTH_PROVIDER_TIMEOUT", ErrorKind.GatewayTimeout, "The provider did not answer in time.");

    /// <summary>
    /// The provider refused (<c>error=access_denied</c> on the callback, <c>invalid_grant</c> from its token endpoint):
    /// its own error code, as upstream answers it. Anything that is not a plain code is not echoed.
    /// </summary>
    public static Error Provider(string? code) =>
        new(code is not null && ProviderCode().IsMatch(code) ? code : "OAUTH_PROVIDER_ERROR", ErrorKind.Failure, "The provider refused the sign-in.");

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProviderCode();
}
