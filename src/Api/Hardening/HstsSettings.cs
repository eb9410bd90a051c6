namespace Users.Api.Hardening;

/// <summary>
/// <c>Strict-Transport-Security</c> on HTTPS responses (section <c>Hsts</c>). Off by default: it binds every browser
/// that sees it to HTTPS for the host for <see cref="MaxAgeSeconds"/>, a decision for whoever runs the domain (often
/// the TLS proxy in front sets it). Never sent over plain HTTP, nor for localhost.
/// </summary>
public sealed class HstsSettings
{
    public const string SectionName = "Hsts";

    public bool Enabled { get; set; }

    /// <summary>How long browsers remember to use HTTPS only; one year by default.</summary>
    public int MaxAgeSeconds { get; set; } = 365 * 24 * 3600;

    public bool IncludeSubDomains { get; set; }

    public bool Preload { get; set; }
}
