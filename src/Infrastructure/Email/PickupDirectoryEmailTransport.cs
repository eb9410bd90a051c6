using System.Globalization;
using System.Net.Mail;
using Users.Application.Abstractions.Mail;

namespace Users.Infrastructure.Mail;

/// <summary>
/// Writes each message as an <c>.eml</c> file (RFC 5322) into a directory, created when missing. A file is
/// written under a hidden temporary name and then renamed, so whoever watches the directory for <c>*.eml</c>
/// never reads half a message.
/// </summary>
public sealed class PickupDirectoryEmailTransport : IEmailTransport
{
    private readonly MailAddress _from;
    private readonly TimeProvider _timeProvider;

    public PickupDirectoryEmailTransport(string directory, MailAddress from, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _from = from;
        _timeProvider = timeProvider;
    }

    /// <summary>The absolute path the files go to.</summary>
    public string Directory { get; }

    public async Task DeliverAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = _timeProvider.GetUtcNow();
        var id = Guid.NewGuid();
        var content = MailFormat.ToEml(message, _from, now, MailFormat.NewMessageId(_from, id));

        System.IO.Directory.CreateDirectory(Directory);
        // Sortable by time for a person looking for the latest mail; unique by the id.
        var name = string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{id:N}.eml");
        var temporary = Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $".{id:N}.tmp"));
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken);
            File.Move(temporary, Path.Combine(Directory, name), overwrite: false);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original error is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
