namespace Users.Domain.Sessions;

/// <summary>
/// Where a session was started from, as the client presented itself: its address and its <c>User-Agent</c>. Both are
/// shown back to the user (session list, audit trail), so both are bounded and stripped of control characters here,
/// once, whatever the transport handed over.
/// </summary>
public sealed record SessionClient
{
    /// <summary>Longest user agent kept; longer ones are cut (real browsers send well under 300 characters).</summary>
    public const int UserAgentLength = 512;

    /// <summary>Room for any textual IPv6 address with a zone.</summary>
    public const int IpLength = 64;

    public static readonly SessionClient Unknown = new(null, null);

    public SessionClient(string? ip, string? userAgent)
    {
        Ip = Clean(ip, IpLength);
        UserAgent = Clean(userAgent, UserAgentLength);
    }

    public string? Ip { get; }

    public string? UserAgent { get; }

    private static string? Clean(string? value, int length)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var kept = new string(value.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return kept.Length == 0 ? null : kept[..Math.Min(kept.Length, length)];
    }
}
