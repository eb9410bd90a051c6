using Microsoft.AspNetCore.Diagnostics;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;

namespace Users.Api.Errors;

/// <summary>
/// The one place where unexpected exceptions become responses. Clients never see exception details: a database
/// outage or a full password-hashing queue is a 503 they may retry, a race for a user's row that kept being lost or a database constraint that nothing
/// mapped earlier a 409, anything else a bare 500, logged here with its stack.
/// </summary>
public sealed partial class UnhandledExceptionHandler(IDatabaseErrorClassifier databaseErrors, ILogger<UnhandledExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>Not an HTTP status a client sees: the client went away, and the log should say so.</summary>
    public const int ClientClosedRequest = 499;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var method = httpContext.Request.Method;
        var path = httpContext.Request.Path.Value;
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            LogCancelled(method, path);
            httpContext.Response.StatusCode = ClientClosedRequest;
            return true;
        }

        if (exception is BadHttpRequestException badRequest)
        {
            await Problems.WriteStatusAsync(httpContext, badRequest.StatusCode);
            return true;
        }

        if (exception is PasswordHashingBusyException busy)
        {
            // The bounded hashing queue is full: nothing was changed, and the client may come back when it has room.
            LogHashingBusy(method, path);
            httpContext.Response.Headers.RetryAfter = Problems.RetryAfterSeconds(busy.RetryAfter);
            await Problems.WriteStatusAsync(httpContext, StatusCodes.Status503ServiceUnavailable);
            return true;
        }

        if (exception is ConcurrencyConflictException)
        {
            // Every attempt of the use case lost its race for the row (or it is not one that retries): try again later.
            LogConcurrencyConflict(method, path);
            await Problems.WriteStatusAsync(httpContext, StatusCodes.Status409Conflict);
            return true;
        }

        var database = databaseErrors.Classify(exception);
        switch (database.Kind)
        {
            case DatabaseErrorKind.Unavailable:
                LogDatabaseUnavailable(exception, method, path);
                httpContext.Response.Headers.RetryAfter = "5";
                await Problems.WriteStatusAsync(httpContext, StatusCodes.Status503ServiceUnavailable);
                return true;

            case DatabaseErrorKind.ConstraintViolation:
                // Neither the exception nor its message: the database may quote the refused values there.
                LogConstraintViolation(method, path, database.ConstraintName ?? "(not named)");
                await Problems.WriteStatusAsync(httpContext, StatusCodes.Status409Conflict);
                return true;

            case DatabaseErrorKind.Other:
                LogDatabaseError(exception, method, path);
                break;

            default:
                LogUnhandled(exception, method, path);
                break;
        }

        await Problems.WriteStatusAsync(httpContext, StatusCodes.Status500InternalServerError);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} was cancelled by the client")]
    private partial void LogCancelled(string method, string? path);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed: the database is unavailable")]
    private partial void LogDatabaseUnavailable(Exception exception, string method, string? path);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Method} {Path} conflicted with the database constraint {Constraint}, which no earlier check caught")]
    private partial void LogConstraintViolation(string method, string? path, string constraint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} was refused: every password-hashing slot is busy and the queue is full")]
    private partial void LogHashingBusy(string method, string? path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} kept losing the race for a user's row to other requests")]
    private partial void LogConcurrencyConflict(string method, string? path);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "{Method} {Path} failed: the database refused it, so a validation rule is missing")]
    private partial void LogDatabaseError(Exception exception, string method, string? path);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed with an unhandled exception")]
    private partial void LogUnhandled(Exception exception, string method, string? path);
}
