namespace Users.Infrastructure.Mail;

/// <summary>
/// How mail leaves the service (section <c>Email</c>). <see cref="PickupDirectory"/> wins over
/// <see cref="Smtp"/>; with neither set every delivery fails (and is logged), so nothing is sent by accident.
/// </summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public const int DefaultMaxAttempts = 5;

    public const int DefaultRetryDelaySeconds = 2;

    public const int DefaultQueueCapacity = 10_000;

    /// <summary>The sender of files written to the pickup directory when <c>Email:Smtp:From</c> is not set.</summary>
    public const string DefaultPickupFrom = "no-reply@localhost";

    /// <summary>The retry delay doubles per attempt up to this.</summary>
    public static readonly TimeSpan MaximumRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>Write each mail as an <c>.eml</c> file there instead of sending it (development, tests).</summary>
    public string? PickupDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Delivery attempts per mail, the first included, before it is logged as an error and dropped.</summary>
    public int MaxAttempts { get; set; } = DefaultMaxAttempts;

    /// <summary>Wait after the first failed attempt; it doubles after each further one, capped at five minutes.</summary>
    public int RetryDelaySeconds { get; set; } = DefaultRetryDelaySeconds;

    /// <summary>Mails waiting for delivery; beyond this a new mail is logged as an error and dropped.</summary>
    public int QueueCapacity { get; set; } = DefaultQueueCapacity;
}
