using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Users.Application.Abstractions.Mail;
using Users.Infrastructure.Mail;

namespace Users.Infrastructure.UnitTests.Mail;

public sealed class PickupDirectoryEmailTransportTests : IDisposable
{
    private static readonly string Token = new string('T', 40) + "." + new string('x', 300) + "-_AbC";
    private static readonly string Link = "https://users.example.com/auth/verify?token=" + Token;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "users-pickup-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 34, 56, TimeSpan.Zero));

    private string Directory => Path.Combine(_root, "mail", "out");

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_root))
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Deliver_WritesOneEmlFile_WithHeadersAndBody()
    {
        var transport = Transport(new MailAddress("no-reply@example.com", "Users"));
        var body = $"Hello,\nverify your address: {Link}\n\nGrüße — 你好 🙂\n";

        await transport.DeliverAsync(new EmailMessage("jane+tag@example.org", "Verify your email", body), CancellationToken.None);

        var file = Assert.Single(System.IO.Directory.GetFiles(Directory));
        Assert.EndsWith(".eml", file, StringComparison.Ordinal);
        Assert.StartsWith("20261122T123456000Z-", Path.GetFileName(file), StringComparison.Ordinal);
        var eml = EmlFile.Parse(await File.ReadAllBytesAsync(file));
        Assert.Equal("\"Users\" <no-reply@example.com>", eml["From"]);
        Assert.Equal("jane+tag@example.org", eml["To"]);
        Assert.Equal("Verify your email", eml["Subject"]);
        Assert.Equal("Sun, 22 Nov 2026 12:34:56 +0000", eml["Date"]);
        Assert.Matches("^<[0-9a-f]{32}@example\\.com>$", eml["Message-ID"]);
        Assert.Equal("1.0", eml["MIME-Version"]);
        Assert.Equal("text/plain; charset=utf-8", eml["Content-Type"]);
        Assert.Equal("8bit", eml["Content-Transfer-Encoding"]);
        Assert.Equal(body.ReplaceLineEndings("\r\n"), eml.Body);
        // The link survives whole on one line, so it can be copied from the file.
        Assert.Contains(Link + "\r\n", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_UsesCrLfAndKeepsHeaderLinesShort()
    {
        var transport = Transport();

        await transport.DeliverAsync(new EmailMessage("a@example.org", "Réinitialisez votre mot de passe — " + new string('é', 80), "x\ny\r\nz"), CancellationToken.None);

        var raw = await File.ReadAllBytesAsync(Assert.Single(System.IO.Directory.GetFiles(Directory)));
        var text = Encoding.UTF8.GetString(raw);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var eml = EmlFile.Parse(raw);
        Assert.True(Encoding.UTF8.GetByteCount(eml.RawHeaders) == eml.RawHeaders.Length, "headers are ASCII (the subject is RFC 2047 encoded)");
        Assert.All(eml.RawHeaders.Split("\r\n"), line => Assert.InRange(line.Length, 1, 78));
        Assert.Equal("Réinitialisez votre mot de passe — " + new string('é', 80), eml["Subject"]);
        Assert.Equal("x\r\ny\r\nz\r\n", eml.Body);
    }

    [Fact]
    public async Task Deliver_ALineTooLongFor8bit_IsWrittenAsBase64()
    {
        var transport = Transport();
        var body = "Open " + Link + new string('z', 1000) + "\nÀ bientôt";

        await transport.DeliverAsync(new EmailMessage("a@example.org", "Long", body), CancellationToken.None);

        var raw = await File.ReadAllBytesAsync(Assert.Single(System.IO.Directory.GetFiles(Directory)));
        var eml = EmlFile.Parse(raw);
        Assert.Equal("base64", eml["Content-Transfer-Encoding"]);
        Assert.Equal(body.ReplaceLineEndings("\r\n"), eml.Body);
        Assert.All(Encoding.UTF8.GetString(raw).Split("\r\n"), line => Assert.True(line.Length <= 78, line));
    }

    [Fact]
    public async Task Deliver_ToAUnicodeAddress_KeepsItAsUtf8()
    {
        var transport = Transport(new MailAddress("Jörg Müller <no-reply@example.com>"));

        await transport.DeliverAsync(new EmailMessage("jörg@münchen.de", "Hi", "Hallo"), CancellationToken.None);

        var eml = EmlFile.Parse(await File.ReadAllBytesAsync(Assert.Single(System.IO.Directory.GetFiles(Directory))));
        Assert.Equal("jörg@münchen.de", eml["To"]);
        Assert.Equal("Jörg Müller <no-reply@example.com>", eml["From"]);
    }

    [Fact]
    public async Task Deliver_ManyMessagesAtOnce_WritesOneCompleteFileEachAndNothingElse()
    {
        var transport = Transport();
        var messages = Enumerable.Range(0, 50).Select(i => new EmailMessage($"user{i}@example.org", $"Message {i}", $"Body {i}\n{Link}")).ToList();

        // Same clock reading for all: names must still be unique.
        await Task.WhenAll(messages.Select(m => Task.Run(() => transport.DeliverAsync(m, CancellationToken.None))));

        var files = System.IO.Directory.GetFiles(Directory);
        Assert.Equal(50, files.Length);
        Assert.All(files, f => Assert.EndsWith(".eml", f, StringComparison.Ordinal));
        var subjects = files.Select(f => EmlFile.Parse(File.ReadAllBytes(f))["Subject"]).Order(StringComparer.Ordinal);
        Assert.Equal(messages.Select(m => m.Subject).Order(StringComparer.Ordinal), subjects);
        Assert.Empty(System.IO.Directory.GetFiles(Directory, ".*"));
    }

    [Fact]
    public async Task Deliver_WhenTheDirectoryCannotBeCreated_ThrowsAndLeavesNoFile()
    {
        System.IO.Directory.CreateDirectory(_root);
        var blocker = Path.Combine(_root, "mail");
        await File.WriteAllTextAsync(blocker, "a file where the directory should be");
        var transport = Transport();

        await Assert.ThrowsAnyAsync<IOException>(() => transport.DeliverAsync(new EmailMessage("a@example.org", "S", "B"), CancellationToken.None));

        Assert.Equal([blocker], System.IO.Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public async Task Deliver_Cancelled_LeavesNoFile()
    {
        var transport = Transport();
        System.IO.Directory.CreateDirectory(Directory);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => transport.DeliverAsync(new EmailMessage("a@example.org", "S", "B"), new CancellationToken(canceled: true)));

        Assert.Empty(System.IO.Directory.GetFileSystemEntries(Directory));
    }

    [Fact]
    public void Directory_IsMadeAbsolute()
    {
        var transport = new PickupDirectoryEmailTransport("relative/mail", new MailAddress("a@example.com"), _time);

        Assert.Equal(Path.GetFullPath("relative/mail"), transport.Directory);
    }

    private PickupDirectoryEmailTransport Transport(MailAddress? from = null) =>
        new(Directory, from ?? new MailAddress("no-reply@example.com"), _time);
}
