namespace Users.Application.Settings;

/// <summary>
/// Per-client-address limits on the routes attackers use (section <c>RateLimiting</c>), and at most one mail per
/// address per <see cref="MailIntervalSeconds"/>. Counted per instance-independent store, in windows of
/// <see cref="WindowSeconds"/>. <see cref="Enabled"/> <c>false</c> turns all of it off.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public bool Enabled { get; set; } = true;

    public int WindowSeconds { get; set; } = 300;

    /// <summary>Logins (and refreshes) per client address and window.</summary>
    public int Login { get; set; } = 150;

    /// <summary>Registrations, forgot-password and request-verify-token requests per client address and window.</summary>
    public int Accounts { get; set; } = 30;

    /// <summary>Verifications and password resets per client address and window.</summary>
    public int Tokens { get; set; } = 30;

    /// <summary>At most one verification or reset mail per address in this many seconds (the request still answers 202).</summary>
    public int MailIntervalSeconds { get; set; } = 60;
}
