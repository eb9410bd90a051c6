namespace Users.Infrastructure.UnitTests.Mail;

/// <summary>
/// A clock with timers that fire only when a test moves time, so <c>Task.Delay(delay, timeProvider)</c> waits
/// exactly as long as the test says. <see cref="FireNextTimerAsync"/> first waits (boundedly) for the code under
/// test to start a timer, so there is no race between "start waiting" and "move time".
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<TimeSpan> _requestedDelays = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

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

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Waits until a timer is pending, moves the clock to its due time and fires it; returns how far time moved.</summary>
    public async Task<TimeSpan> FireNextTimerAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            List<ManualTimer> due;
            TimeSpan moved;
            lock (_gate)
            {
                var next = _timers.Where(t => t.DueAt is not null).MinBy(t => t.DueAt);
                if (next is null)
                {
                    changed = _changed.Task;
                    due = [];
                    moved = TimeSpan.Zero;
                }
                else
                {
                    moved = next.DueAt!.Value - _now;
                    _now = next.DueAt.Value;
                    due = [.. _timers.Where(t => t.DueAt <= _now)];
                    foreach (var timer in due)
                    {
                        timer.DueAt = timer.Period is { } period ? _now + period : null;
                    }

                    changed = Task.CompletedTask;
                }
            }

            if (due.Count > 0)
            {
                foreach (var timer in due)
                {
                    timer.Fire();
                }

                return moved;
            }

            try
            {
                await changed.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No timer was started: the code under test is not waiting on this clock.");
            }
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = null;
                _timers.Remove(timer);
            }
            else
            {
                timer.DueAt = _now + dueTime;
                timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
                _requestedDelays.Add(dueTime);
                if (!_timers.Contains(timer))
                {
                    _timers.Add(timer);
                }
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan? Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
