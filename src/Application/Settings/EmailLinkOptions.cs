namespace Users.Application.Settings;

/// <summary>Where the links in mails point (section <c>Email</c>); each link carries <c>token=&lt;value&gt;</c>.</summary>
public sealed class EmailLinkOptions
{
    public const string SectionName = "Email";

    /// <summary>The public address of the service (or of the front end that serves the pages), without a trailing slash.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Path of the verification link; the default is this service's clickable <c>GET /auth/verify</c>.</summary>
    public string VerifyPath { get; set; } = "/auth/verify";

    /// <summary>Path of the password-reset page (served by your front end, which posts to <c>/auth/reset-password</c>).</summary>
    public string ResetPasswordPath { get; set; } = "/reset-password";
}
