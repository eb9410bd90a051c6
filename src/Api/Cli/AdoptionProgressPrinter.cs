using System.Diagnostics;
using Users.Application.Abstractions.Adoption;

namespace Users.Api.Cli;

/// <summary>
/// Prints an adoption's progress on standard error, one line per report at most every half second (and every phase's
/// last line), so a large table shows it is moving without flooding a terminal.
/// </summary>
public sealed class AdoptionProgressPrinter(TextWriter error) : IProgress<AdoptionProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly Lock _gate = new();
    private long _lastPrinted; // 0 until the first line

    public void Report(AdoptionProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            var finished = value.Total is { } total && value.Done >= total;
            if (!finished && _lastPrinted != 0 && Stopwatch.GetElapsedTime(_lastPrinted) < Interval)
            {
                return;
            }

            _lastPrinted = Stopwatch.GetTimestamp();
            error.WriteLine(value.Total is { } all and > 0
                ? $"{value.Phase}: {value.Done} of {all} ({100L * value.Done / all}%)"
                : $"{value.Phase}: {value.Done}");
        }
    }
}
