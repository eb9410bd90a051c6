using MailKit.Net.Smtp;
using Users.Application.Abstractions.Mail;
using Users.Infrastructure.Mail;

namespace Users.Infrastructure.UnitTests.Mail;

/// <summary>Against a real SMTP server (aiosmtpd) on loopback; see <see cref="SmtpTestServer"/>.</summary>
public sealed class SmtpEmailTransportTests(SmtpTestServer server) : IClassFixture<SmtpTestServer>
{
    [SkippableFact]
    public async Task Deliver_SendsTheMessageToTheServer()
    {
        server.RequireAvailable();
        var subject = "Réinitialisation — " + Guid.NewGuid().ToString("N");
        var body = "Bonjour,\n\nhttps://users.example.com/reset-password?token=" + new string('t', 400) + "\n\nGrüße 🙂\n";

        await Transport().DeliverAsync(new EmailMessage("jane@example.org", subject, body), CancellationToken.None);

        var eml = Received(subject);
        Assert.Equal("Users <no-reply@example.com>", eml["From"]);
        Assert.Equal("jane@example.org", eml["To"]);
        Assert.Equal(body.ReplaceLineEndings("\r\n"), eml.Body.TrimEnd('\r', '\n') + "\r\n");
        Assert.Matches("^<[0-9a-f]{32}@example\\.com>$", eml["Message-ID"]);
        Assert.NotNull(eml["Date"]);
        // The envelope, as the server saw it.
        Assert.Equal("no-reply@example.com", eml["X-MailFrom"]);
        Assert.Equal("jane@example.org", eml["X-RcptTo"]);
    }

    [SkippableFact]
    public async Task Deliver_AsciiBody_IsSentAs7bit()
    {
        server.RequireAvailable();
        var subject = "Verify your email " + Guid.NewGuid().ToString("N");

        await Transport().DeliverAsync(new EmailMessage("joe@example.org", subject, "Open https://x.example.com/auth/verify?token=abc.def"), CancellationToken.None);

        var eml = Received(subject);
        Assert.Equal("7bit", eml["Content-Transfer-Encoding"]);
        Assert.Equal("Open https://x.example.com/auth/verify?token=abc.def", eml.Body.TrimEnd('\r', '\n'));
    }

    [SkippableFact]
    public async Task Deliver_ToAUnicodeAddress_UsesSmtpUtf8()
    {
        server.RequireAvailable();
        var subject = "Unicode " + Guid.NewGuid().ToString("N");

        await Transport().DeliverAsync(new EmailMessage("jörg@münchen.de", subject, "Hallo"), CancellationToken.None);

        Assert.Equal("jörg@münchen.de", Received(subject)["X-RcptTo"]);
    }

    [SkippableFact]
    public async Task Deliver_WithStartTls_RefusesAServerWithoutIt_AsWorthRetrying()
    {
        // A configuration problem the operator can fix: the mail stays in the outbox for the next attempts.
        server.RequireAvailable();
        var options = Options(SmtpSecurity.StartTls);

        var error = await Assert.ThrowsAsync<NotSupportedException>(
            () => new SmtpEmailTransport(options).DeliverAsync(new EmailMessage("jane@example.org", "Plain?", "No."), CancellationToken.None));

        Assert.Contains("STARTTLS", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Deliver_WhenNothingListens_ThrowsAFailureWorthRetrying()
    {
        server.RequireAvailable();
        var options = Options(SmtpSecurity.None);
        options.Port = FreePortNobodyListensOn();

        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => new SmtpEmailTransport(options).DeliverAsync(new EmailMessage("jane@example.org", "S", "B"), CancellationToken.None));

        Assert.IsNotType<PermanentEmailFailureException>(error);
    }

    [SkippableFact]
    public async Task Deliver_RefusedWith5xx_IsAPermanentFailure()
    {
        server.RequireAvailable();

        var error = await Assert.ThrowsAsync<PermanentEmailFailureException>(() => Transport().DeliverAsync(
            new EmailMessage($"{SmtpTestServer.RefuseForGood}@example.org", "Refused " + Guid.NewGuid().ToString("N"), "B"), CancellationToken.None));

        Assert.Contains("550", error.Message, StringComparison.Ordinal);
        Assert.IsType<SmtpCommandException>(error.InnerException);
    }

    [SkippableFact]
    public async Task Deliver_RefusedWith4xx_IsAFailureWorthRetrying()
    {
        server.RequireAvailable();

        var error = await Assert.ThrowsAsync<SmtpCommandException>(() => Transport().DeliverAsync(
            new EmailMessage($"{SmtpTestServer.RefuseForNow}@example.org", "Later " + Guid.NewGuid().ToString("N"), "B"), CancellationToken.None));

        Assert.Equal(451, (int)error.StatusCode);
    }

    private static int FreePortNobodyListensOn()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private SmtpEmailTransport Transport() => new(Options(SmtpSecurity.None));

    private SmtpOptions Options(SmtpSecurity security) => new()
    {
        Host = server.Host,
        Port = server.Port,
        From = "Users <no-reply@example.com>",
        Security = security,
    };

    private EmlFile Received(string subject)
    {
        var matching = server.ReceivedMessages().Select(EmlFile.Parse).Where(m => m["Subject"] == subject).ToList();
        Assert.True(matching.Count == 1, $"Expected one message with the subject '{subject}', found {matching.Count}.");
        return matching[0];
    }
}
