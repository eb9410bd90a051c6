using Users.Api.Authentication.Backends;
using Users.Api.Binding;
using Users.Api.Endpoints.Requests;
using Users.Application.Auth.Commands.Login;

namespace Users.Api.Endpoints;

/// <summary>
/// How a backend answers a successful sign-in (password login or OAuth callback): its cookie and 204 (or a redirect to
/// <c>redirectUrl</c>, which only cookie backends may have), or the bearer body.
/// </summary>
internal static class LoginResponses
{
    public static IResult For(AuthBackend backend, LoginResult login, HttpContext context, AuthCookies cookies, string? redirectUrl = null)
    {
        if (backend.Transport == BackendTransport.Cookie)
        {
            cookies.Set(context.Response, login.AccessToken);
            return redirectUrl is null ? Results.NoContent() : Results.Redirect(redirectUrl);
        }

        return ResponseJson.Of(new BearerResponse(login.AccessToken)
        {
            RefreshToken = login.RefreshToken,
            ExpiresIn = login.RefreshToken is null ? null : login.ExpiresIn,
        });
    }
}
