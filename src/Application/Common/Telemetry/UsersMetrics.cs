using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Users.Application.Common.Telemetry;

/// <summary>
/// The service's own metrics (meter <see cref="MeterName"/>), exported with the rest when OpenTelemetry is on
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) and costing next to nothing when nobody listens. Tags are outcomes and names
/// from small fixed sets: never an address, a token or a hash.
/// </summary>
public static class UsersMetrics
{
    public const string MeterName = "Users";

    /// <summary>The activity source of the service's own spans (none yet beyond ASP.NET Core's, EF Core's and Npgsql's).</summary>
    public const string ActivitySourceName = "Users";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> Logins = Meter.CreateCounter<long>(
        "users.logins", "{login}", "Password logins by outcome: success, bad_credentials, locked, not_verified.");

    private static readonly Counter<long> Lockouts = Meter.CreateCounter<long>(
        "users.lockouts", "{lockout}", "Addresses locked after too many failed password checks.");

    private static readonly Counter<long> RateLimited = Meter.CreateCounter<long>(
        "users.rate_limited", "{request}", "Requests refused with 429 by a rate limit, by route group.");

    private static readonly Counter<long> Mails = Meter.CreateCounter<long>(
        "users.mails", "{mail}", "Mails by outcome: queued (in the outbox), sent, retried, failed.");

    private static readonly Counter<long> Refreshes = Meter.CreateCounter<long>(
        "users.token_refreshes", "{refresh}", "Refresh-token exchanges by outcome: rotated, repeated, reuse_detected, refused.");

    private static Func<int>? _hashQueueLength;

    static UsersMetrics() =>
        Meter.CreateObservableGauge(
            "users.password_hashing.queue_length", () => _hashQueueLength?.Invoke() ?? 0, "{request}", "Requests waiting for a password-hashing slot.");

    public static void Login(string outcome) => Logins.Add(1, new TagList { { "outcome", outcome } });

    public static void Lockout() => Lockouts.Add(1);

    public static void RateLimit(string policy) => RateLimited.Add(1, new TagList { { "policy", policy } });

    public static void Mail(string outcome, int count = 1) => Mails.Add(count, new TagList { { "outcome", outcome } });

    public static void Refresh(string outcome) => Refreshes.Add(1, new TagList { { "outcome", outcome } });

    /// <summary>Where the hashing queue's length is read from (the queue registers itself).</summary>
    public static void ObserveHashQueue(Func<int> waiting) => _hashQueueLength = waiting;
}
