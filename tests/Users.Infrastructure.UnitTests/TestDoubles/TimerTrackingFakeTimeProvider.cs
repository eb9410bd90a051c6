using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Users.Infrastructure.UnitTests.TestDoubles;

/// <summary>
/// The package's <see cref="FakeTimeProvider"/>, which also reports every timer the code under test starts on it
/// (<see cref="PeriodicTimer"/> and <c>Task.Delay(delay, timeProvider)</c> each start one). A test can so wait until
/// code running on another thread is waiting on this clock before it moves time: no race, and no real-time sleep.
/// </summary>
internal sealed class TimerTrackingFakeTimeProvider : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _requestedDelays = [];
    private readonly Channel<DateTimeOffset> _started = Channel.CreateUnbounded<DateTimeOffset>();

    /// <summary>The due time of every timer started, in order.</summary>
    public IReadOnlyList<TimeSpan> RequestedDelays
    {
        get
        {
            lock (_gate)
            {
                return [.. _requestedDelays];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Scheduled before it is reported, so a test that was told of it and moves time makes it fire.
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _requestedDelays.Add(dueTime);
            }

            _started.Writer.TryWrite(GetUtcNow() + dueTime);
        }

        return timer;
    }

    /// <summary>
    /// Waits (at most <paramref name="patience"/>, a bound and not a delay) until a timer has been started that this
    /// method has not returned yet, and returns the instant it is due; timers are returned in the order started.
    /// </summary>
    public async Task<DateTimeOffset> NextTimerAsync(TimeSpan patience)
    {
        using var cancel = new CancellationTokenSource(patience);
        try
        {
            return await _started.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No timer was started: the code under test is not waiting on this clock.");
        }
    }

    /// <summary>Waits for the next timer started, moves the clock to its due time (so it fires) and returns how far time moved.</summary>
    public async Task<TimeSpan> FireNextTimerAsync(TimeSpan? patience = null)
    {
        var due = await NextTimerAsync(patience ?? TimeSpan.FromSeconds(10));
        var now = GetUtcNow();
        if (due <= now)
        {
            return TimeSpan.Zero;
        }

        SetUtcNow(due);
        return due - now;
    }
}
