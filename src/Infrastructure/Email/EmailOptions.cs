namespace Users.Infrastructure.Mail;

/// <summary>
/// How mail leaves the service (section <c>Email</c>): through the outbox table, then the pickup directory or SMTP.
/// <see cref="PickupDirectory"/> wins over <see cref="Smtp"/>; with neither set every mail is recorded as failed (and
/// logged), so nothing is sent by accident.
/// </summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public const int DefaultMaxAttempts = 5;

    public const int DefaultRetryDelaySeconds = 2;

    public const int DefaultPollSeconds = 5;

    public const int MaximumPollSeconds = 300;

    public const int DefaultClaimSeconds = 120;

    /// <summary>A claim must outlast one delivery attempt (the SMTP transport gives up after 30 s) with room to record it.</summary>
    public const int MinimumClaimSeconds = 40;

    public const int MaximumClaimSeconds = 3600;

    public const int DefaultRetentionDays = 7;

    public const int MaximumRetentionDays = 3650;

    /// <summary>The sender of files written to the pickup directory when <c>Email:Smtp:From</c> is not set.</summary>
    public const string DefaultPickupFrom = "no-reply@localhost";

    /// <summary>The retry delay doubles per attempt up to this.</summary>
    public static readonly TimeSpan MaximumRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>Write each mail as an <c>.eml</c> file there instead of sending it (development, tests).</summary>
    public string? PickupDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Delivery attempts per mail, the first included, before it is recorded as failed (and logged as an error).</summary>
    public int MaxAttempts { get; set; } = DefaultMaxAttempts;

    /// <summary>Wait after the first failed attempt; it doubles after each further one, capped at five minutes.</summary>
    public int RetryDelaySeconds { get; set; } = DefaultRetryDelaySeconds;

    /// <summary>
    /// How often each instance looks into the outbox for mail it was not told about: mail added by another instance, and
    /// retries that came due. Mail added on this instance is picked up at once, after its commit.
    /// </summary>
    public int PollSeconds { get; set; } = DefaultPollSeconds;

    /// <summary>
    /// How long a claimed mail stays with the instance that claimed it. An instance that dies mid-delivery leaves its
    /// claims, and another instance takes them over once they run out.
    /// </summary>
    public int ClaimSeconds { get; set; } = DefaultClaimSeconds;

    /// <summary>Days a delivered or failed mail's record (without its body) is kept before it is deleted.</summary>
    public int RetentionDays { get; set; } = DefaultRetentionDays;
}
