// THE EXAMPLE TO COPY when you want the service to do something after a user event (FastAPI Users' on_after_* hooks).
// Write a class that implements IDomainEventHandler<TEvent> for each event it cares about (the events are in
// Users.Domain.Users.Events); AddApplication registers it by itself, with no change to existing code: put it in this
// assembly, or in your own and pass that assembly to AddApplication(extraAssemblies). Events are published after the
// change is committed (UserDeleting: just before), so a handler never sees a change that was rolled back.
// Keep personal data out of logs: this one writes the user id only, never an address, token or password.
using Microsoft.Extensions.Logging;
using Users.Application.Common.Events;
using Users.Domain.Users.Events;

namespace Users.Application.Users.EventHandlers;

/// <summary>Writes one line to the log for each step of an account's life.</summary>
public sealed partial class LogAccountActivity(ILogger<LogAccountActivity> logger)
    : IDomainEventHandler<UserRegistered>,
        IDomainEventHandler<UserVerified>,
        IDomainEventHandler<PasswordReset>,
        IDomainEventHandler<UserDeleted>
{
    public Task Handle(UserRegistered domainEvent, CancellationToken cancellationToken)
    {
        LogRegistered(domainEvent.UserId);
        return Task.CompletedTask;
    }

    public Task Handle(UserVerified domainEvent, CancellationToken cancellationToken)
    {
        LogVerified(domainEvent.UserId);
        return Task.CompletedTask;
    }

    public Task Handle(PasswordReset domainEvent, CancellationToken cancellationToken)
    {
        LogPasswordReset(domainEvent.UserId);
        return Task.CompletedTask;
    }

    public Task Handle(UserDeleted domainEvent, CancellationToken cancellationToken)
    {
        LogDeleted(domainEvent.UserId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} registered")]
    private partial void LogRegistered(Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} verified their email address")]
    private partial void LogVerified(Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} reset their password")]
    private partial void LogPasswordReset(Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} was deleted")]
    private partial void LogDeleted(Guid userId);
}
