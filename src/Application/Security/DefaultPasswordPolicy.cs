using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Security;
using Users.Application.Settings;

namespace Users.Application.Security;

/// <summary>
/// The contract's default policy, after NIST SP 800-63B: no control characters, length (in code points, after NFC)
/// within <see cref="PasswordPolicyOptions"/>, not the email address or its local part, not a common password.
/// </summary>
public sealed class DefaultPasswordPolicy(IOptions<UserManagementOptions> options, ICommonPasswordList commonPasswords)
    : IPasswordPolicy
{
    private readonly PasswordPolicyOptions _limits = options.Value.Password;

    public ValueTask<string?> CheckAsync(string password, string? email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        return ValueTask.FromResult(Check(password, email));
    }

    private string? Check(string password, string? email)
    {
        string normalized;
        try
        {
            normalized = password.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return "Password contains invalid characters.";
        }

        // NIST asks for every printing character and space to be accepted; control characters (NUL, tab, line breaks, DEL,
        // C1) are not printing, cannot be typed into a login form reliably (a form with NUL cannot even be read), and
        // are cut off by some hash implementations. Refused here, the one rule for every way a password is set.
        if (normalized.Any(char.IsControl))
        {
            return "Password must not contain control characters (such as NUL, tab or line breaks).";
        }

        var length = normalized.EnumerateRunes().Count();
        if (length < _limits.MinLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Password should be at least {_limits.MinLength} characters.");
        }

        if (length > _limits.MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Password should be at most {_limits.MaxLength} characters.");
        }

        if (email is not null && IsEmailOrLocalPart(normalized, email))
        {
            return "Password should not be your email address.";
        }

        return commonPasswords.Contains(normalized) ? "Password is too common; choose one that is harder to guess." : null;
    }

    private static bool IsEmailOrLocalPart(string password, string email)
    {
        var trimmed = email.Trim();
        var at = trimmed.LastIndexOf('@');
        return string.Equals(password, trimmed, StringComparison.OrdinalIgnoreCase)
            || (at > 0 && string.Equals(password, trimmed[..at], StringComparison.OrdinalIgnoreCase));
    }
}
