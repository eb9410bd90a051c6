using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;
using Users.Domain.Common;

namespace Users.Application.Common.Behaviors;

/// <summary>
/// Logs each request's name, outcome and duration: failures at Information, successes at Debug (every
/// authenticated call resolves its user through the mediator, so an Information line per success would cost
/// more than the request). Never the request itself: it may carry a password.
/// </summary>
public sealed partial class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    // Not logging: hand the handler's task straight through (no state machine on the hot path).
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        logger.IsEnabled(LogLevel.Information) ? HandleLoggedAsync(next) : next();

    private async Task<TResponse> HandleLoggedAsync(RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response is Result { IsSuccess: false } failed)
        {
            LogFailed(typeof(TRequest).Name, failed.Error.Code, elapsed);
        }
        else if (logger.IsEnabled(LogLevel.Debug))
        {
            LogHandled(typeof(TRequest).Name, elapsed);
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Request} handled in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} failed with {Code} in {ElapsedMs:0.0} ms")]
    private partial void LogFailed(string request, string code, double elapsedMs);
}
