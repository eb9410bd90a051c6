namespace Users.Application.Users.Queries.GetLockout;

/// <summary>
/// A user's login lockout as a superuser sees it: <c>{"failures": n, "locked_until": "...Z" or null}</c>
/// (<see cref="LockedUntil"/> is UTC, and <c>null</c> when the address is not locked now).
/// </summary>
public sealed record LockoutRead(int Failures, DateTime? LockedUntil);
