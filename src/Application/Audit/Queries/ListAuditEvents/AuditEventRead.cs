namespace Users.Application.Audit.Queries.ListAuditEvents;

/// <summary>An audit entry as clients see it; <see cref="Type"/> is the contract's name (<c>login_succeeded</c>).</summary>
public sealed record AuditEventRead
{
    public required Guid Id { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Type { get; init; }

    public required Guid? UserId { get; init; }

    public required Guid? ActorId { get; init; }

    public required string? Ip { get; init; }

    public required string? UserAgent { get; init; }

    public required Guid? SessionId { get; init; }
}
