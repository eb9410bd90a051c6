using Users.Application.Users;

namespace Users.Api.Authentication;

public static class CurrentUserExtensions
{
    /// <summary>The authenticated user; only on routes that require authorization.</summary>
    public static UserRead CurrentUser(this HttpContext context) => context.CurrentAuthentication().User;

    /// <summary>How the request authenticated (user, stamp, session, token, backend); only on routes that require authorization.</summary>
    public static CurrentUserFeature CurrentAuthentication(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<CurrentUserFeature>()
            ?? throw new InvalidOperationException("No authenticated user: the route must require authorization.");
    }
}
