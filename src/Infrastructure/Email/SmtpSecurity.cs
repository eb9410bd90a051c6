namespace Users.Infrastructure.Mail;

/// <summary>How the connection to the SMTP server is protected (<c>Email:Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Upgrade the connection with STARTTLS before anything is sent; a server that does not offer it fails the delivery.</summary>
    StartTls = 0,

    /// <summary>No encryption: only for a relay on this machine (or one that the network already protects).</summary>
    None = 1,
}
