using Users.Application.Abstractions.Mail;

namespace Users.Infrastructure.Mail;

/// <summary>
/// Used when neither <c>Email:PickupDirectory</c> nor <c>Email:Smtp:Host</c> is set: every delivery fails for good, so
/// each mail is recorded as failed and logged as an error instead of vanishing or being sent by accident.
/// </summary>
public sealed class UnconfiguredEmailTransport : IEmailTransport
{
    public const string Message = "Email is not configured: set Email:PickupDirectory or Email:Smtp:Host";

    public Task DeliverAsync(EmailMessage message, CancellationToken cancellationToken) =>
        Task.FromException(new PermanentEmailFailureException(Message));
}
