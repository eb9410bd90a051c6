using System.Globalization;
using System.Net.Mail;
using System.Text;
using Users.Application.Abstractions.Mail;

namespace Users.Infrastructure.Mail;

/// <summary>
/// Writes a message as RFC 5322 text (with RFC 2045-2047 MIME and RFC 6532 UTF-8 addresses), and the small
/// rules both transports share: one-line subjects, CRLF line ends, message ids.
/// </summary>
internal static class MailFormat
{
    private const string CrLf = "\r\n";

    // RFC 5322 2.1.1: a line is at most 998 octets plus CRLF.
    private const int MaximumLineOctets = 998;

    // 39 bytes are 52 base64 characters, a 64-character word: within RFC 2047's 75, and "Subject: " plus a word
    // stays within the 78 characters a line should keep to.
    private const int EncodedWordBytes = 39;

    private const int Base64LineLength = 76;

    /// <summary>
    /// The message as an <c>.eml</c> file. The body is sent as-is ("8bit", so a token in a link can be read and
    /// copied from the file) unless a line is too long for that, then base64.
    /// </summary>
    public static byte[] ToEml(EmailMessage message, MailAddress from, DateTimeOffset date, string messageId)
    {
        var to = ParseRecipient(message.To);
        var body = ToCrLf(message.TextBody);
        var eightBit = FitsLineLimit(body);

        var text = new StringBuilder(body.Length + 512);
        Header(text, "Date", FormatDate(date));
        Header(text, "From", FormatAddress(from));
        Header(text, "To", FormatAddress(to));
        Header(text, "Subject", EncodeUnstructured(SingleLine(message.Subject)));
        Header(text, "Message-ID", messageId);
        Header(text, "MIME-Version", "1.0");
        Header(text, "Content-Type", "text/plain; charset=utf-8");
        Header(text, "Content-Transfer-Encoding", eightBit ? "8bit" : "base64");
        text.Append(CrLf);
        text.Append(eightBit ? body : Base64Lines(Encoding.UTF8.GetBytes(body)));
        if (!EndsWithCrLf(text))
        {
            text.Append(CrLf);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The recipient as one address; a line break in it is refused (it would be a header injection).</summary>
    public static MailAddress ParseRecipient(string to)
    {
        if (to.AsSpan().IndexOfAny('\r', '\n') >= 0 || !MailAddress.TryCreate(to.Trim(), out var address))
        {
            throw new FormatException("The recipient is not a single email address.");
        }

        return address;
    }

    public static bool IsValidRecipient(string? to)
    {
        if (to is null)
        {
            return false;
        }

        try
        {
            _ = ParseRecipient(to);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A subject is one line: line breaks and other control characters become spaces.</summary>
    public static string SingleLine(string subject)
    {
        var chars = subject.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]))
            {
                chars[i] = ' ';
            }
        }

        return new string(chars).Trim();
    }

    /// <summary>Every line break (CR, LF or CRLF) as CRLF, the only one a mail knows.</summary>
    public static string ToCrLf(string text) => text.ReplaceLineEndings(CrLf);

    /// <summary>True when every line is plain ASCII within the line limit, so no transfer encoding is needed.</summary>
    public static bool IsSevenBitSafe(string crLfText) => Ascii.IsValid(crLfText) && FitsLineLimit(crLfText);

    public static string NewMessageId(MailAddress from, Guid id) =>
        string.Create(CultureInfo.InvariantCulture, $"<{id:N}@{AsciiDomain(from.Host)}>");

    private static bool FitsLineLimit(string crLfText)
    {
        foreach (var line in crLfText.Split(CrLf))
        {
            if (line.Contains('\0', StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(line) > MaximumLineOctets)
            {
                return false;
            }
        }

        return true;
    }

    private static void Header(StringBuilder text, string name, string value) => text.Append(name).Append(": ").Append(value).Append(CrLf);

    private static string FormatDate(DateTimeOffset date) =>
        date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    private static string FormatAddress(MailAddress address)
    {
        if (string.IsNullOrEmpty(address.DisplayName))
        {
            return address.Address;
        }

        var name = IsPrintableAscii(address.DisplayName)
            ? "\"" + address.DisplayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
            : EncodedWords(address.DisplayName);
        return $"{name} <{address.Address}>";
    }

    private static string EncodeUnstructured(string value) =>
        IsPrintableAscii(value) && !value.Contains("=?", StringComparison.Ordinal) && value.Length <= MaximumLineOctets - 16
            ? value
            : EncodedWords(value);

    // RFC 2047 "B" words of whole characters, folded onto continuation lines (the folding white space between two
    // encoded words is not part of the text).
    private static string EncodedWords(string value)
    {
        var words = new List<string>();
        var chunk = new StringBuilder();
        var chunkBytes = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (chunkBytes + rune.Utf8SequenceLength > EncodedWordBytes)
            {
                words.Add(EncodedWord(chunk.ToString()));
                chunk.Clear();
                chunkBytes = 0;
            }

            chunk.Append(rune.ToString());
            chunkBytes += rune.Utf8SequenceLength;
        }

        if (chunk.Length > 0 || words.Count == 0)
        {
            words.Add(EncodedWord(chunk.ToString()));
        }

        return string.Join(CrLf + " ", words);
    }

    private static string EncodedWord(string text) => "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";

    private static string Base64Lines(byte[] bytes)
    {
        var base64 = Convert.ToBase64String(bytes);
        var text = new StringBuilder(base64.Length + (base64.Length / Base64LineLength * 2) + 2);
        for (var i = 0; i < base64.Length; i += Base64LineLength)
        {
            text.Append(base64, i, Math.Min(Base64LineLength, base64.Length - i)).Append(CrLf);
        }

        return text.ToString();
    }

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static bool EndsWithCrLf(StringBuilder text) => text.Length >= 2 && text[^2] == '\r' && text[^1] == '\n';

    private static string AsciiDomain(string host)
    {
        try
        {
            return new IdnMapping().GetAscii(host);
        }
        catch (ArgumentException)
        {
            return "localhost";
        }
    }
}
