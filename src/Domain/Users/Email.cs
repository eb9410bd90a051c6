using System.Globalization;
using System.Text;
using Users.Domain.Common;

namespace Users.Domain.Users;

/// <summary>
/// An e-mail address as the contract defines it: trimmed, display-name form reduced to the address,
/// NFC-normalized, domain lower-cased and written in Unicode (IDNA <c>xn--</c> labels decoded), local
/// part kept as typed. <see cref="Normalized"/> is the whole address lower-cased: the key that makes
/// addresses unique regardless of case.
/// </summary>
public sealed class Email : IEquatable<Email>
{
    /// <summary>Longest accepted address (RFC 5321's forward-path limit less the angle brackets).</summary>
    public const int MaxLength = 254;

    /// <summary>Column width: the data model allows 320 so that stored rows never need truncating.</summary>
    public const int StorageLength = 320;

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    // Special-use names (RFC 6761, RFC 7686, RFC 6762, RFC 3172) that can never receive mail.
    private static readonly HashSet<string> SpecialUseTopLevelDomains =
        new(StringComparer.Ordinal) { "test", "local", "invalid", "onion", "arpa", "localhost" };

    private Email(string value)
    {
        Value = value;
        Normalized = Normalize(value);
    }

    /// <summary>The address as stored and returned: local part as typed, domain lower-case Unicode.</summary>
    public string Value { get; }

    /// <summary>The whole address lower-cased; equal for addresses that differ only in case.</summary>
    public string Normalized { get; }

    /// <summary>Parses and normalizes <paramref name="input"/>, or says in plain words what is wrong with it.</summary>
    public static Result<Email> Create(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Invalid("An email address must have an @-sign.");
        }

        var candidate = StripDisplayName(input.Trim());
        try
        {
            candidate = candidate.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return Invalid("The email address contains invalid characters.");
        }

        if (candidate.Length > MaxLength)
        {
            return Invalid($"The email address is too long ({candidate.Length} characters; at most {MaxLength}).");
        }

        var at = candidate.LastIndexOf('@');
        if (at < 0)
        {
            return Invalid("An email address must have an @-sign.");
        }

        var local = candidate[..at];
        var domainError = TryNormalizeDomain(candidate[(at + 1)..], out var domain);
        var localError = CheckLocalPart(local);
        if (localError is not null)
        {
            return Invalid(localError);
        }

        if (domainError is not null)
        {
            return Invalid(domainError);
        }

        var value = $"{local}@{domain}";
        return value.Length > MaxLength
            ? Invalid($"The email address is too long ({value.Length} characters; at most {MaxLength}).")
            : new Email(value);
    }

    /// <summary>Rebuilds an address that was validated before it was stored; no validation is repeated.</summary>
    public static Email FromTrustedStorage(string value) => new(value);

    /// <summary>The lookup key for a string that may or may not be a valid address (for example a login name).</summary>
    public static string NormalizeForLookup(string input)
    {
        var parsed = Create(input);
        return parsed.IsSuccess ? parsed.Value.Normalized : Normalize(input.Trim());
    }

    public bool Equals(Email? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Email);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    private static string Normalize(string value) => value.ToLowerInvariant();

    private static Result<Email> Invalid(string reason) =>
        Result<Email>.Failure(new Error("INVALID_EMAIL", ErrorKind.Validation, "value is not a valid email address", reason));

    /// <summary>Reduces <c>Name &lt;x@a.com&gt;</c> to <c>x@a.com</c>.</summary>
    private static string StripDisplayName(string input)
    {
        if (!input.EndsWith('>'))
        {
            return input;
        }

        var open = input.LastIndexOf('<');
        return open < 0 ? input : input[(open + 1)..^1].Trim();
    }

    private static string? CheckLocalPart(string local)
    {
        if (local.Length == 0)
        {
            return "There must be something before the @-sign.";
        }

        if (local.Contains('"', StringComparison.Ordinal))
        {
            return "Quoted local parts are not allowed.";
        }

        if (local.StartsWith('.') || local.EndsWith('.'))
        {
            return "An email address cannot start or end the part before the @-sign with a period.";
        }

        if (local.Contains("..", StringComparison.Ordinal))
        {
            return "An email address cannot have two periods in a row.";
        }

        foreach (var rune in local.EnumerateRunes())
        {
            if (!IsAllowedInLocalPart(rune))
            {
                return $"The part before the @-sign contains an invalid character: '{rune}'.";
            }
        }

        return null;
    }

    // RFC 5322 atext plus, as RFC 6531 allows, any non-ASCII character that is not a space, control or format character.
    private static bool IsAllowedInLocalPart(Rune rune)
    {
        if (rune.IsAscii)
        {
            var c = (char)rune.Value;
            return char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".Contains(c, StringComparison.Ordinal);
        }

        var category = Rune.GetUnicodeCategory(rune);
        return !Rune.IsWhiteSpace(rune)
            && category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
    }

    private static string? TryNormalizeDomain(string domain, out string normalized)
    {
        normalized = string.Empty;
        if (domain.Length == 0)
        {
            return "There must be something after the @-sign.";
        }

        if (domain.StartsWith('['))
        {
            return "IP-address literals are not allowed as the domain.";
        }

        if (domain.Contains("..", StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.'))
        {
            return "The domain cannot start or end with a period or have two periods in a row.";
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain.ToLowerInvariant());
            normalized = Idn.GetUnicode(ascii);
        }
        catch (ArgumentException)
        {
            return "The domain name is not valid.";
        }

        if (!ascii.Contains('.', StringComparison.Ordinal))
        {
            return "The domain name must contain a period.";
        }

        var topLevel = ascii[(ascii.LastIndexOf('.') + 1)..];
        if (topLevel.All(char.IsAsciiDigit))
        {
            return "The domain name cannot end with a number (IP addresses are not allowed).";
        }

        return SpecialUseTopLevelDomains.Contains(topLevel) || ascii == "localhost"
            ? $"The domain name uses a special-use or reserved name (.{topLevel}) that cannot receive mail."
            : null;
    }
}
