using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.Mail;

/// <summary>
/// Copies the <c>Email</c> section onto <see cref="EmailOptions"/> by hand (the reflection binder is not a dependency
/// of this layer). A value that does not parse fails start-up with a message naming the setting.
/// </summary>
internal static class EmailConfigurationBinding
{
    public static void Bind(IConfiguration configuration, EmailOptions options)
    {
        var section = configuration.GetSection(EmailOptions.SectionName);
        if (ReadString(section, nameof(EmailOptions.PickupDirectory)) is { } pickup)
        {
            options.PickupDirectory = pickup;
        }

        if (ConfigurationBinding.ReadInt32(section, nameof(EmailOptions.MaxAttempts), typeof(EmailOptions)) is { } maxAttempts)
        {
            options.MaxAttempts = maxAttempts;
        }

        if (ConfigurationBinding.ReadInt32(section, nameof(EmailOptions.RetryDelaySeconds), typeof(EmailOptions)) is { } retryDelay)
        {
            options.RetryDelaySeconds = retryDelay;
        }

        if (ConfigurationBinding.ReadInt32(section, nameof(EmailOptions.PollSeconds), typeof(EmailOptions)) is { } poll)
        {
            options.PollSeconds = poll;
        }

        if (ConfigurationBinding.ReadInt32(section, nameof(EmailOptions.ClaimSeconds), typeof(EmailOptions)) is { } claim)
        {
            options.ClaimSeconds = claim;
        }

        if (ConfigurationBinding.ReadInt32(section, nameof(EmailOptions.RetentionDays), typeof(EmailOptions)) is { } retention)
        {
            options.RetentionDays = retention;
        }

        var smtpSection = section.GetSection(nameof(EmailOptions.Smtp));
        var smtp = options.Smtp;
        if (ReadString(smtpSection, nameof(SmtpOptions.Host)) is { } host)
        {
            smtp.Host = host;
        }

        if (ConfigurationBinding.ReadInt32(smtpSection, nameof(SmtpOptions.Port), typeof(EmailOptions)) is { } port)
        {
            smtp.Port = port;
        }

        if (ReadString(smtpSection, nameof(SmtpOptions.Username)) is { } username)
        {
            smtp.Username = username;
        }

        // Taken as given: spaces may be part of a password.
        if (smtpSection[nameof(SmtpOptions.Password)] is { Length: > 0 } password)
        {
            smtp.Password = password;
        }

        if (ReadString(smtpSection, nameof(SmtpOptions.From)) is { } from)
        {
            smtp.From = from;
        }

        if (ReadString(smtpSection, nameof(SmtpOptions.Security)) is { } security)
        {
            smtp.Security = ParseSecurity(smtpSection.Path, security);
        }
    }

    private static SmtpSecurity ParseSecurity(string sectionPath, string raw)
    {
        foreach (var value in Enum.GetValues<SmtpSecurity>())
        {
            if (string.Equals(raw, value.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw Invalid(
            $"{sectionPath}:{nameof(SmtpOptions.Security)} is '{raw}', which is not supported. Set it to "
            + $"'{nameof(SmtpSecurity.StartTls)}' (STARTTLS, required) or '{nameof(SmtpSecurity.None)}' (no encryption, "
            + "for a relay on this machine). Implicit TLS (port 465) is not supported: use the server's STARTTLS port, usually 587.");
    }

    private static string? ReadString(IConfigurationSection section, string key) =>
        section[key] is { } raw && !string.IsNullOrWhiteSpace(raw) ? raw.Trim() : null;

    private static OptionsValidationException Invalid(string message) =>
        new(Options.DefaultName, typeof(EmailOptions), [message]);
}
