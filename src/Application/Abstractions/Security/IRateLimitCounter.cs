namespace Users.Application.Abstractions.Security;

/// <summary>
/// Counts hits per key in windows that start at a key's first hit and last <c>window</c>; the count starts again once
/// a window is over. Shared by every instance (the database, or Redis when configured), so a limit holds for the
/// service as a whole, not per process.
/// </summary>
public interface IRateLimitCounter
{
    /// <summary>Adds one hit to <paramref name="key"/>'s current window and answers the window's hits so far (this one included).</summary>
    Task<RateLimitHit> HitAsync(string key, TimeSpan window, CancellationToken cancellationToken);
}
