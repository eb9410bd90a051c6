using MediatR;
using Microsoft.Extensions.Logging;
using Users.Application.Abstractions.Persistence;

namespace Users.Application.Common.Behaviors;

/// <summary>
/// Runs a use case again when its commit lost a race (<see cref="ConcurrencyConflictException"/>). The unit of work
/// forgot the refused changes, so the next attempt reads the row as the winner left it and decides anew: a spent
/// reset or verification token, an already deactivated or deleted user answer as they would have one request later.
/// Only the attempt that commits raises its events. Applies to commands marked <see cref="IRetryOnConflict"/> and hands
/// every other request straight through (the current-user lookup of every authenticated call among them). Innermost
/// behavior: validation is not repeated.
/// </summary>
public sealed partial class ConcurrencyRetryBehavior<TRequest, TResponse>(ILogger<ConcurrencyRetryBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    /// <summary>
    /// Attempts before the conflict is given up and reaches the client (409): each retry of a use case re-reads the row,
    /// and the contenders of one row finish one by one, so a few suffice.
    /// </summary>
    public const int MaxAttempts = 5;

    private static readonly bool Retries = typeof(IRetryOnConflict).IsAssignableFrom(typeof(TRequest));

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        Retries ? HandleAsync(next) : next();

    private async Task<TResponse> HandleAsync(RequestHandlerDelegate<TResponse> next)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next();
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                LogRetrying(typeof(TRequest).Name, attempt);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Request} lost a race for the user's row on attempt {Attempt}; running it again")]
    private partial void LogRetrying(string request, int attempt);
}
