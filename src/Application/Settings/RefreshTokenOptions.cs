namespace Users.Application.Settings;

/// <summary>
/// Refresh tokens of the bearer + JWT backends (<c>Auth:RefreshTokens</c>). A refresh token works once: presenting it
/// answers a new pair. One presented again within <see cref="ReuseIntervalSeconds"/> of its first use gets the same
/// pair again (two tabs refreshing at once); after that, it is taken for a stolen copy and the whole session ends.
/// </summary>
public sealed class RefreshTokenOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Absolute lifetime: no refresh token of a session works past its start plus this (30 days).</summary>
    public int LifetimeSeconds { get; set; } = 30 * 24 * 3600;

    /// <summary>Idle lifetime: a refresh token not used for this long (7 days) is refused.</summary>
    public int IdleSeconds { get; set; } = 7 * 24 * 3600;

    public int ReuseIntervalSeconds { get; set; } = 10;
}
