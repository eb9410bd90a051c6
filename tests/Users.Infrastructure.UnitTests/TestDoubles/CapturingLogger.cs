using Microsoft.Extensions.Logging;

namespace Users.Infrastructure.UnitTests.TestDoubles;

/// <summary>Keeps every log entry so a test can check what was (and was not) logged, or wait for one.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, string Message, Exception? Exception)> _entries = [];
    private readonly List<(Func<(LogLevel Level, string Message, Exception? Exception), bool> Match, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToList();
            }
        }
    }

    /// <summary>Completes when an entry matching <paramref name="match"/> has been logged (at once if one already was).</summary>
    public Task WaitForAsync(Func<(LogLevel Level, string Message, Exception? Exception), bool> match)
    {
        lock (_entries)
        {
            if (_entries.Any(match))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task;
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var entry = (logLevel, formatter(state, exception), exception);
        lock (_entries)
        {
            _entries.Add(entry);
            foreach (var waiter in _waiters.Where(w => w.Match(entry)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
    }
}
