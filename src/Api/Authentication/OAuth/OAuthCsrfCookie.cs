using Microsoft.Extensions.Options;
using Users.Api.Authentication.Backends;

namespace Users.Api.Authentication.OAuth;

/// <summary>
/// The double-submit CSRF cookie of the OAuth flows (FastAPI Users 15.0.2, GHSA-5j53-63w8-8625): the authorize route sets
/// it to the token the state carries, the callback requires both to match, so a callback URL planted in someone else's
/// browser (login CSRF) fails. <c>Secure</c> follows <c>Auth:Cookie:Secure</c>; it lives as long as the state.
/// </summary>
public sealed class OAuthCsrfCookie(IOptions<CookieTransportOptions> cookieOptions)
{
    public const string Name = "fastapiusersoauthcsrf";

    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(3600);

    public void Set(HttpResponse response, string csrfToken) => response.Cookies.Append(Name, csrfToken, Attributes(MaxAge));

    /// <summary>Clears the cookie once its flow is over.</summary>
    public void Clear(HttpResponse response) => response.Cookies.Append(Name, string.Empty, Attributes(TimeSpan.Zero));

    public static string? Read(HttpRequest request) => request.Cookies[Name];

    // Lax: the provider's redirect back is a top-level GET, which Lax sends and Strict would not.
    private CookieOptions Attributes(TimeSpan maxAge) => AuthCookies.Attributes(cookieOptions.Value.Secure, SameSiteMode.Lax, maxAge);
}
