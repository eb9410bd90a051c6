namespace Users.Infrastructure.Mail;

/// <summary>The SMTP server that sends mail (section <c>Email:Smtp</c>); used when <c>Email:Smtp:Host</c> is set.</summary>
public sealed class SmtpOptions
{
    public const int DefaultPort = 587;

    public string? Host { get; set; }

    /// <summary>
    /// 587 (submission) by default. Port 465 expects TLS from the first byte ("implicit TLS"), which
    /// System.Net.Mail cannot do: use the server's STARTTLS port (587, or 25) instead.
    /// </summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Sign in with this user name (and <see cref="Password"/>) when set; otherwise send without signing in.</summary>
    public string? Username { get; set; }

    /// <summary>Never logged, never repeated in a validation message.</summary>
    public string? Password { get; set; }

    /// <summary>The sender, as an address or <c>Name &lt;address&gt;</c>; required when <see cref="Host"/> is set.</summary>
    public string? From { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
}
