using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Users.Application.Abstractions.Mail;
using Users.Infrastructure.Mail;
using Users.Infrastructure.Persistence;

namespace Users.Infrastructure.UnitTests.Mail;

public sealed class EmailOutboxTests
{
    private static readonly EmailMessage Message =
        new("jane.doe@example.org", "Verify\r\nyour email", "Open https://users.example.com/auth/verify?token=secret-token-value");

    [Fact]
    public async Task Add_StoresThePendingMailWithItsCommit_TheBodyEncrypted()
    {
        await using var harness = await OutboxHarness.CreateAsync();

        await harness.CommitAsync(Message);

        var row = Assert.Single(await harness.RowsAsync());
        Assert.Equal((OutboxEmailState.Pending, 0), (row.State, row.Attempts));
        Assert.Equal("jane.doe@example.org", row.Recipient);
        Assert.Equal("Verify  your email", row.Subject); // one line
        Assert.Equal(harness.Time.GetUtcNow(), row.NextAttemptAt);
        Assert.DoesNotContain("secret-token-value", row.ProtectedBody, StringComparison.Ordinal);
        Assert.Equal(Message.TextBody, harness.DataProtection.CreateProtector(EmailOutbox.BodyPurpose).Unprotect(row.ProtectedBody!));
    }

    [Fact]
    public async Task AddWithheld_StoresACompletedRecordWithNeitherAddressNorBody()
    {
        await using var harness = await OutboxHarness.CreateAsync();

        await harness.CommitWithheldAsync();

        var row = Assert.Single(await harness.RowsAsync());
        Assert.Equal(OutboxEmailState.Withheld, row.State);
        Assert.Equal((string.Empty, string.Empty, null), (row.Recipient, row.Subject, row.ProtectedBody));
        Assert.Equal(harness.Time.GetUtcNow(), row.CompletedAt);
        Assert.Empty(harness.WriterLog.Entries);
    }

    [Fact]
    public async Task Add_WithoutACommit_StoresNothing()
    {
        await using var harness = await OutboxHarness.CreateAsync();
        await using var db = harness.Database.CreateContext();
        var outbox = new EmailOutbox(db, harness.DataProtection, harness.Signal, harness.Time, harness.WriterLog);

        outbox.Add(Message);

        await using var other = harness.Database.CreateContext();
        Assert.Empty(await other.OutboxEmails.ToListAsync());
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("a@example.com\r\nBcc: b@example.com")]
    public async Task Add_ForAnUnusableRecipient_StoresNothingAndLogsAnError(string recipient)
    {
        await using var harness = await OutboxHarness.CreateAsync();

        await harness.CommitAsync(Message with { To = recipient });

        Assert.Empty(await harness.RowsAsync());
        var error = Assert.Single(harness.WriterLog.Entries);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.DoesNotContain(recipient, error.Message, StringComparison.Ordinal);
    }
}
