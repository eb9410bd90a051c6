using Users.Application.Users;

namespace Users.Api.Authentication;

public static class CurrentUserExtensions
{
    /// <summary>The authenticated user; only on routes that require authorization.</summary>
    public static UserRead CurrentUser(this HttpContext context) =>
        context.Features.Get<CurrentUserFeature>()?.User
        ?? throw new InvalidOperationException("No authenticated user: the route must require authorization.");
}
