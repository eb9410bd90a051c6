using System.Text;
using System.Text.RegularExpressions;

namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>
/// Reads the <c>.eml</c> files the service writes to its pickup directory. Delivery runs in the background, so
/// reading waits (bounded) for a message to arrive.
/// </summary>
public sealed partial class PickupMailbox(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>Every message addressed to <paramref name="recipient"/> so far, oldest first.</summary>
    public IReadOnlyList<MailMessageText> To(string recipient)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return new DirectoryInfo(Directory).EnumerateFiles("*.eml")
            .OrderBy(file => file.LastWriteTimeUtc)
            .Select(file => MailMessageText.Parse(File.ReadAllText(file.FullName)))
            .Where(m => m.To.Contains(recipient, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> (default 15 s) for <paramref name="count"/> messages to
    /// <paramref name="recipient"/> (mail is delivered in the background), and returns the latest.
    /// </summary>
    public async Task<MailMessageText> WaitForAsync(string recipient, TimeSpan? timeout = null, int count = 1)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var found = To(recipient);
            if (found.Count >= count)
            {
                return found[^1];
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"No mail to {recipient} arrived in {Directory}.");
    }

    /// <summary>The token of the link in <paramref name="message"/> (<c>?token=...</c>), unescaped.</summary>
    public static string TokenIn(MailMessageText message)
    {
        var match = TokenPattern().Match(message.Body);
        Assert.True(match.Success, $"No token link in: {message.Body}");
        return Uri.UnescapeDataString(match.Groups[1].Value);
    }

    [GeneratedRegex(@"[?&]token=([A-Za-z0-9._~%-]+)")]
    private static partial Regex TokenPattern();
}

/// <summary>The parts of a MIME message the tests look at, with the body decoded.</summary>
public sealed record MailMessageText(string From, string To, string Subject, string Body)
{
    public static MailMessageText Parse(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var crlf and >= 0 ? crlf : raw.IndexOf("\n\n", StringComparison.Ordinal);
        var headerText = raw[..split];
        var body = raw[split..].Trim();
        var headers = Unfold(headerText);
        var encoding = Header(headers, "Content-Transfer-Encoding").ToLowerInvariant();
        var decoded = encoding switch
        {
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split('\n').Select(l => l.Trim())))),
            "quoted-printable" => DecodeQuotedPrintable(body),
            _ => body,
        };
        return new MailMessageText(Header(headers, "From"), Header(headers, "To"), Header(headers, "Subject"), decoded);
    }

    private static List<(string Name, string Value)> Unfold(string headerText)
    {
        var result = new List<(string, string)>();
        foreach (var line in headerText.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if ((line.StartsWith(' ') || line.StartsWith('\t')) && result.Count > 0)
            {
                result[^1] = (result[^1].Item1, result[^1].Item2 + " " + line.Trim());
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                result.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        return result;
    }

    private static string Header(List<(string Name, string Value)> headers, string name) =>
        headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value ?? string.Empty;

    private static string DecodeQuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        var normalized = text.Replace("=\r\n", string.Empty, StringComparison.Ordinal).Replace("=\n", string.Empty, StringComparison.Ordinal);
        for (var i = 0; i < normalized.Length; i++)
        {
            if (normalized[i] == '=' && i + 2 < normalized.Length && Uri.IsHexDigit(normalized[i + 1]) && Uri.IsHexDigit(normalized[i + 2]))
            {
                bytes.Add(Convert.ToByte(normalized.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(normalized[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
