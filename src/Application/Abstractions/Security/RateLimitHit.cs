namespace Users.Application.Abstractions.Security;

/// <summary>A key's hits in its current window, and when that window ends (a refused client may retry then).</summary>
public sealed record RateLimitHit(long Hits, DateTimeOffset WindowEndsAt);
