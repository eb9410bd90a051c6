namespace Users.Application.Abstractions.Security;

/// <summary>An address's consecutive failures, and until when it is locked (<c>null</c>: not locked now).</summary>
public sealed record LoginThrottleState(int Failures, DateTimeOffset? LockedUntil)
{
    public static readonly LoginThrottleState Clear = new(0, null);
}
