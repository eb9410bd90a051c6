using Users.Application.Abstractions.Mail;

namespace Users.Infrastructure.Mail;

/// <summary>
/// Used when neither <c>Email:PickupDirectory</c> nor <c>Email:Smtp:Host</c> is set: every delivery fails, so
/// each mail ends in an error log instead of vanishing.
/// </summary>
public sealed class UnconfiguredEmailTransport : IEmailTransport
{
    public const string Message = "Email is not configured: set Email:PickupDirectory or Email:Smtp:Host";

    public Task DeliverAsync(EmailMessage message, CancellationToken cancellationToken) =>
        Task.FromException(new InvalidOperationException(Message));
}
