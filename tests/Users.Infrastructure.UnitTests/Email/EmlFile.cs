using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Users.Infrastructure.UnitTests.Mail;

/// <summary>
/// Just enough of an RFC 5322 / MIME reader to check what a transport wrote, independent of System.Net.Mail:
/// unfolded headers with RFC 2047 words decoded, and a single text body decoded per its transfer encoding.
/// </summary>
internal sealed partial class EmlFile
{
    private EmlFile(string rawHeaders, IReadOnlyList<KeyValuePair<string, string>> headers, string body)
    {
        RawHeaders = rawHeaders;
        Headers = headers;
        Body = body;
    }

    public string RawHeaders { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The decoded body, with CRLF line ends as sent.</summary>
    public string Body { get; }

    public string? this[string name] =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public static EmlFile Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes).ReplaceLineEndings("\r\n");
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new FormatException("No blank line between headers and body.");
        }

        var rawHeaders = text[..split];
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in Unfold(rawHeaders))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon].Trim(), DecodeWords(line[(colon + 1)..].Trim())));
        }

        var file = new EmlFile(rawHeaders, headers, string.Empty);
        var rawBody = text[(split + 4)..];
        var encoding = file["Content-Transfer-Encoding"]?.ToLowerInvariant() ?? "7bit";
        var body = encoding switch
        {
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(rawBody.Replace("\r\n", string.Empty, StringComparison.Ordinal))),
            "quoted-printable" => DecodeQuotedPrintable(rawBody),
            "7bit" or "8bit" => rawBody,
            _ => throw new FormatException($"Unexpected transfer encoding {encoding}."),
        };
        return new EmlFile(rawHeaders, headers, body);
    }

    private static IEnumerable<string> Unfold(string rawHeaders)
    {
        var current = new StringBuilder();
        foreach (var line in rawHeaders.Split("\r\n"))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                current.Append(line);
                continue;
            }

            if (current.Length > 0)
            {
                yield return current.ToString();
            }

            current.Clear().Append(line);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    // White space between two encoded words is not text (RFC 2047 6.2), so it goes first.
    private static string DecodeWords(string value) =>
        EncodedWord().Replace(BetweenWords().Replace(value, "?==?"), m =>
        {
            var bytes = string.Equals(m.Groups["enc"].Value, "B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(m.Groups["text"].Value)
                : QuotedPrintableBytes(m.Groups["text"].Value.Replace('_', ' '));
            return Encoding.GetEncoding(m.Groups["charset"].Value).GetString(bytes);
        });

    private static string DecodeQuotedPrintable(string text) =>
        Encoding.UTF8.GetString(QuotedPrintableBytes(text.Replace("=\r\n", string.Empty, StringComparison.Ordinal)));

    private static byte[] QuotedPrintableBytes(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length)
            {
                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<enc>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenWords();
}
