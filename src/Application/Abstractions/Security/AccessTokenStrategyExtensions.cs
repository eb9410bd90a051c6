namespace Users.Application.Abstractions.Security;

public static class AccessTokenStrategyExtensions
{
    /// <summary>The registered strategy named <paramref name="name"/> (names are validated at start-up, so a miss is a bug).</summary>
    public static IAccessTokenStrategy Named(this IEnumerable<IAccessTokenStrategy> strategies, string name) =>
        strategies.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"No access token strategy named '{name}' is registered.");
}
