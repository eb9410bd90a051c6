using Microsoft.Extensions.Options;

namespace Users.Api.Authentication.Backends;

/// <summary>Writes and clears the cookie transport's cookie with the configured attributes.</summary>
public sealed class AuthCookies(IOptions<CookieTransportOptions> options)
{
    private readonly CookieTransportOptions _options = options.Value;

    public void Set(HttpResponse response, string token) =>
        response.Cookies.Append(
            _options.Name, token, Attributes(_options.Secure, _options.SameSite, _options.MaxAgeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null));

    /// <summary>Clears the cookie: empty value, <c>Max-Age=0</c>, the same attributes it was set with.</summary>
    public void Clear(HttpResponse response) => response.Cookies.Append(_options.Name, string.Empty, Attributes(_options.Secure, _options.SameSite, TimeSpan.Zero));

    /// <summary>The attributes of every cookie this service sets: site-wide, out of scripts' reach, essential.</summary>
    internal static CookieOptions Attributes(bool secure, SameSiteMode sameSite, TimeSpan? maxAge) => new()
    {
        Path = "/",
        HttpOnly = true,
        Secure = secure,
        SameSite = sameSite,
        MaxAge = maxAge,
        IsEssential = true,
    };
}
