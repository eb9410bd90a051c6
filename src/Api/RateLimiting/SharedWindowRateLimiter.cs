using System.Diagnostics;
using System.Threading.RateLimiting;
using Users.Application.Abstractions.Security;

namespace Users.Api.RateLimiting;

/// <summary>
/// A fixed-window limiter whose count lives in <see cref="IRateLimitCounter"/> (the database or Redis), not in this
/// process: every instance over the same store refuses the same client. It has no state of its own, so it answers the
/// middleware's synchronous attempt with "ask again asynchronously", and counts in <see cref="AcquireAsyncCore"/>.
/// </summary>
public sealed class SharedWindowRateLimiter(string key, int permitLimit, TimeSpan window, IRateLimitCounter counter, TimeProvider time) : RateLimiter
{
    private static readonly RateLimitLease Acquired = new Lease(true, null);
    private static readonly RateLimitLease NotYetCounted = new Lease(false, null);

    private long _lastUsed = Stopwatch.GetTimestamp();

    // Nothing is held here, but an address seen a moment ago will likely come back: the partitioned limiter drops
    // limiters idle for a while (ten seconds), so one per address that ever came does not pile up.
    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? Acquired : NotYetCounted;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0)
        {
            return Acquired;
        }

        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        var hit = await counter.HitAsync(key, window, cancellationToken);
        return hit.Hits <= permitLimit ? Acquired : new Lease(false, hit.WindowEndsAt - time.GetUtcNow());
    }

    private sealed class Lease(bool isAcquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => isAcquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
