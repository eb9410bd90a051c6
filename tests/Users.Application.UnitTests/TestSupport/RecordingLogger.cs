using Microsoft.Extensions.Logging;

namespace Users.Application.UnitTests.TestSupport;

/// <summary>Keeps every log entry so a test can check that something was (or was not) logged.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <summary>Entries below this level are neither enabled nor recorded, as with a configured logger.</summary>
    public LogLevel MinimumLevel { get; init; } = LogLevel.Trace;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= MinimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
