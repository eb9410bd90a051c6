namespace Users.Application.Abstractions.Security;

public static class AccessTokenStrategyExtensions
{
    /// <summary>The registered strategy named <paramref name="name"/> (names are validated at start-up, so a miss is a bug).</summary>
    /// <remarks>A loop rather than a LINQ predicate: every authenticated request looks its strategy up here.</remarks>
    public static IAccessTokenStrategy Named(this IEnumerable<IAccessTokenStrategy> strategies, string name)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        foreach (var strategy in strategies)
        {
            if (string.Equals(strategy.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return strategy;
            }
        }

        throw new InvalidOperationException($"No access token strategy named '{name}' is registered.");
    }
}
