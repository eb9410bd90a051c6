using MediatR;
using Microsoft.Extensions.Logging;
using Users.Application.Abstractions.Persistence;

namespace Users.Application.Common.Behaviors;

/// <summary>
/// Runs a read (<see cref="IReadOnlyRequest"/>) again when the store failed in a way that passes: a pooled connection
/// the server dropped, a restart under way, a busy SQLite file. The current-user lookup behind every authenticated call
/// is one, so a single broken connection no longer fails the request that happened to draw it. Commands pass straight
/// through: a write whose reply was lost may have committed, and running it again could apply it twice. The retries
/// are bounded in count and time, so that with the store down the answer is still a prompt 503.
/// </summary>
public sealed partial class TransientReadRetryBehavior<TRequest, TResponse>(
    IDatabaseErrorClassifier classifier,
    TimeProvider time,
    ILogger<TransientReadRetryBehavior<TRequest, TResponse>> logger) : IPipelineBehavior<TRequest, TResponse>
{
    /// <summary>Attempts in all: a pool holds at most a few connections the server dropped at once, and each failed attempt discards one.</summary>
    public const int MaxAttempts = 3;

    /// <summary>No attempt starts after this long since the first: an outage answers 503 within a second or so, not after every retry has timed out.</summary>
    public static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(1);

    /// <summary>The pause before the second attempt; it doubles before each later one.</summary>
    public static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);

    private static readonly bool Retries = typeof(IReadOnlyRequest).IsAssignableFrom(typeof(TRequest));
    private static readonly string RequestName = typeof(TRequest).Name;

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        Retries ? HandleAsync(next, cancellationToken) : next();

    private async Task<TResponse> HandleAsync(RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next();
            }
            catch (Exception exception) when (ShouldRetry(exception, attempt, started, pause, cancellationToken))
            {
                var failure = exception.GetType().Name;
                LogRetrying(RequestName, attempt, failure, (int)pause.TotalMilliseconds);
            }

            await Task.Delay(pause, time, cancellationToken);
            pause *= 2;
        }
    }

    private bool ShouldRetry(Exception exception, int attempt, long started, TimeSpan pause, CancellationToken cancellationToken) =>
        attempt < MaxAttempts
        && !cancellationToken.IsCancellationRequested
        && time.GetElapsedTime(started) + pause <= RetryWindow
        && classifier.Classify(exception).Kind == DatabaseErrorKind.Unavailable;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} failed on attempt {Attempt} with a passing store failure ({Failure}); reading again in {PauseMs} ms")]
    private partial void LogRetrying(string request, int attempt, string failure, int pauseMs);
}
