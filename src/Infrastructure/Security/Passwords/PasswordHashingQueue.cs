using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Security;
using Users.Application.Common.Telemetry;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.Security.Passwords;

/// <summary>
/// Runs password hashing in at most <see cref="PasswordHashingOptions.MaxConcurrent"/> slots, so the memory Argon2id
/// takes is bounded by the slots, not by the requests: 200 simultaneous logins take <c>MaxConcurrent</c> hashes' memory,
/// the rest wait (asynchronously, holding no thread). Beyond <see cref="PasswordHashingOptions.QueueLimit"/> waiting
/// requests, a request is refused at once with <see cref="PasswordHashingBusyException"/>, whose wait estimate is the
/// queue ahead of it times the mean hashing time.
/// </summary>
public sealed class PasswordHashingQueue : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int _slotCount;
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private readonly Meter _meter;
    private int _admitted; // running plus waiting
    private long _meanTicks;

    public PasswordHashingQueue(IOptions<PasswordHashingOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _slotCount = options.Value.MaxConcurrent;
        _capacity = _slotCount + options.Value.QueueLimit;
        _slots = new SemaphoreSlim(_slotCount, _slotCount);
        _time = time;

        // The gauge belongs to this queue: a meter of the service's name, read when an exporter collects, gone with the queue.
        _meter = new Meter(UsersMetrics.MeterName);
        _meter.CreateObservableGauge("users.password_hashing.queue_length", () => Waiting, "{request}", "Requests waiting for a password-hashing slot.");
    }

    /// <summary>Requests waiting for a slot now (not counting those hashing).</summary>
    public int Waiting => Math.Max(0, Volatile.Read(ref _admitted) - _slotCount);

    /// <summary>Runs <paramref name="work"/> in a slot, on the calling thread once the slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Interlocked.Increment(ref _admitted) > _capacity)
        {
            var ahead = Interlocked.Decrement(ref _admitted);
            throw new PasswordHashingBusyException(EstimatedWait(ahead));
        }

        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var started = _time.GetTimestamp();
                var result = work();
                Record(_time.GetElapsedTime(started));
                return result;
            }
            finally
            {
                _slots.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _admitted);
        }
    }

    public void Dispose()
    {
        _meter.Dispose();
        _slots.Dispose();
    }

    // A moving mean (1/8 weight to each new sample): a racing write loses one sample, which a mean can afford.
    private void Record(TimeSpan elapsed)
    {
        var mean = Volatile.Read(ref _meanTicks);
        Volatile.Write(ref _meanTicks, mean == 0 ? elapsed.Ticks : mean + ((elapsed.Ticks - mean) / 8));
    }

    private TimeSpan EstimatedWait(int ahead) =>
        TimeSpan.FromTicks(Volatile.Read(ref _meanTicks) * Math.Max(1, ahead) / _slotCount);
}
