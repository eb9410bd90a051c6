using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Users.Api.Errors;

/// <summary>
/// The one place where unexpected exceptions become responses. Clients never see exception details:
/// an unreachable database is a 503 they may retry, anything else a bare 500, logged here with its stack.
/// </summary>
public sealed partial class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Not an HTTP status a client sees: the client went away, and the log should say so.</summary>
    public const int ClientClosedRequest = 499;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            LogCancelled(httpContext.Request.Method, httpContext.Request.Path.Value);
            httpContext.Response.StatusCode = ClientClosedRequest;
            return true;
        }

        if (exception is BadHttpRequestException badRequest)
        {
            await Problems.WriteStatusAsync(httpContext, badRequest.StatusCode);
            return true;
        }

        if (IsDatabaseUnavailable(exception))
        {
            LogDatabaseUnavailable(exception, httpContext.Request.Method, httpContext.Request.Path.Value);
            httpContext.Response.Headers.RetryAfter = "5";
            await Problems.WriteStatusAsync(httpContext, StatusCodes.Status503ServiceUnavailable);
            return true;
        }

        LogUnhandled(exception, httpContext.Request.Method, httpContext.Request.Path.Value);
        await Problems.WriteStatusAsync(httpContext, StatusCodes.Status500InternalServerError);
        return true;
    }

    private static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} was cancelled by the client")]
    private partial void LogCancelled(string method, string? path);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed: the database is unavailable")]
    private partial void LogDatabaseUnavailable(Exception exception, string method, string? path);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed with an unhandled exception")]
    private partial void LogUnhandled(Exception exception, string method, string? path);
}
