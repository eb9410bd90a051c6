using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Users.Application.Common.Telemetry;

/// <summary>
/// The service's own metrics (meter <see cref="MeterName"/>), exported with the rest when OpenTelemetry is on
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) and costing next to nothing when nobody listens. Tags are outcomes and names
/// from small fixed sets: never an address, a token or a hash. The hashing queue's gauge is created by the queue itself,
/// under the same meter name.
/// </summary>
public static class UsersMetrics
{
    public const string MeterName = "Users";

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

    public static void Login(string outcome) => Logins.Add(1, new TagList { { "outcome", outcome } });

    public static void Lockout() => Lockouts.Add(1);

    public static void RateLimit(string policy) => RateLimited.Add(1, new TagList { { "policy", policy } });

    public static void Mail(string outcome, int count = 1) => Mails.Add(count, new TagList { { "outcome", outcome } });

    public static void Refresh(string outcome) => Refreshes.Add(1, new TagList { { "outcome", outcome } });
}
