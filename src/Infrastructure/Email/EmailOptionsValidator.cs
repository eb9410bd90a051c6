using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace Users.Infrastructure.Mail;

public sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var smtp = options.Smtp;

        if (!string.IsNullOrWhiteSpace(smtp.Host))
        {
            ValidateSmtpServer(smtp, failures);
        }

        // The pickup directory uses the sender too, so a set but malformed one is an error either way.
        if (!string.IsNullOrWhiteSpace(smtp.From) && !MailAddress.TryCreate(smtp.From, out _))
        {
            failures.Add(
                $"Email:Smtp:From is '{smtp.From}', which is not an email address. "
                + "Set it to an address such as 'no-reply@example.com' or 'Users <no-reply@example.com>'.");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add(
                $"Email:MaxAttempts is {options.MaxAttempts}; it must be at least 1. "
                + $"Remove it to use {EmailOptions.DefaultMaxAttempts}.");
        }

        if (options.RetryDelaySeconds < 0)
        {
            failures.Add(
                $"Email:RetryDelaySeconds is {options.RetryDelaySeconds}; it must be 0 or more. "
                + $"Remove it to use {EmailOptions.DefaultRetryDelaySeconds}.");
        }

        Range(failures, "PollSeconds", options.PollSeconds, 1, EmailOptions.MaximumPollSeconds, EmailOptions.DefaultPollSeconds);
        Range(failures, "ClaimSeconds", options.ClaimSeconds, EmailOptions.MinimumClaimSeconds, EmailOptions.MaximumClaimSeconds, EmailOptions.DefaultClaimSeconds);
        Range(failures, "RetentionDays", options.RetentionDays, 0, EmailOptions.MaximumRetentionDays, EmailOptions.DefaultRetentionDays);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string setting, int value, int minimum, int maximum, int byDefault)
    {
        if (value < minimum || value > maximum)
        {
            failures.Add($"Email:{setting} is {value}; it must be between {minimum} and {maximum}. Remove it to use {byDefault}.");
        }
    }

    private static void ValidateSmtpServer(SmtpOptions smtp, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(smtp.From))
        {
            failures.Add(
                "Email:Smtp:From is missing while Email:Smtp:Host is set. Set it to the sender address of outgoing "
                + "mail, such as 'Users <no-reply@example.com>'.");
        }

        if (smtp.Port is < 1 or > 65535)
        {
            failures.Add(
                $"Email:Smtp:Port is {smtp.Port}; it must be between 1 and 65535. "
                + $"Remove it to use {SmtpOptions.DefaultPort} (submission with STARTTLS).");
        }

        if (!Enum.IsDefined(smtp.Security))
        {
            failures.Add(
                $"Email:Smtp:Security is '{smtp.Security}', which is not supported. Set it to "
                + $"'{nameof(SmtpSecurity.StartTls)}' or '{nameof(SmtpSecurity.None)}'.");
        }

        if (!string.IsNullOrEmpty(smtp.Username) && smtp.Password is null)
        {
            failures.Add(
                "Email:Smtp:Password is missing while Email:Smtp:Username is set. Set it (for example with the "
                + "environment variable Email__Smtp__Password), or remove Email:Smtp:Username to send without signing in.");
        }

        if (!string.IsNullOrEmpty(smtp.Username) && smtp.Security == SmtpSecurity.None && !IsLoopback(smtp.Host!))
        {
            failures.Add(
                $"Email:Smtp:Security is 'None' while Email:Smtp:Username is set and Email:Smtp:Host ('{smtp.Host}') "
                + "is not this machine, so the password would cross the network unencrypted. "
                + $"Set Email:Smtp:Security to '{nameof(SmtpSecurity.StartTls)}'.");
        }
    }

    private static bool IsLoopback(string host)
    {
        var trimmed = host.Trim().Trim('[', ']');
        return string.Equals(trimmed, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(trimmed, out var address) && IPAddress.IsLoopback(address));
    }
}
