using Users.Domain.Users;

namespace Users.Application.Abstractions.Security;

public static class AccessTokenStrategyExtensions
{
    /// <summary>The registered strategy named <paramref name="name"/> (names are validated at start-up, so a miss is a bug).</summary>
    public static IAccessTokenStrategy Named(this IEnumerable<IAccessTokenStrategy> strategies, string name) =>
        strategies.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"No access token strategy named '{name}' is registered.");

    /// <summary>Convenience for callers that only need the JWT strategy's token.</summary>
    public static ValueTask<string> IssueJwtAsync(this IEnumerable<IAccessTokenStrategy> strategies, User user, CancellationToken cancellationToken) =>
        strategies.Named(AccessTokenStrategyNames.Jwt).IssueAsync(user, cancellationToken);
}
