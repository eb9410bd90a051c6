namespace Users.Api.Authentication.Backends;

/// <summary>The cookie transport's cookie (<c>Auth:Cookie</c>), with FastAPI Users' defaults.</summary>
public sealed class CookieTransportOptions
{
    public const string SectionName = "Auth:Cookie";

    public string Name { get; set; } = "fastapiusersauth";

    /// <summary>Seconds the browser keeps the cookie; none makes it a session cookie.</summary>
    public int? MaxAgeSeconds { get; set; }

    /// <summary>Send only over HTTPS. Turn off only for local development over plain HTTP.</summary>
    public bool Secure { get; set; } = true;

    /// <summary><c>Lax</c>, <c>Strict</c> or <c>None</c> (<c>None</c> requires <see cref="Secure"/>).</summary>
    public SameSiteMode SameSite { get; set; } = SameSiteMode.Lax;
}
