using MediatR;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Mail;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Common.Validation;
using Users.Application.Settings;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Auth.Commands.RequestToken;

public sealed class RequestTokenCommandHandler(
    IUserRepository users,
    IUnitOfWork unitOfWork,
    IUserActionTokens tokens,
    IEmailOutbox outbox,
    IRateLimitCounter rateLimits,
    IOptions<RateLimitingOptions> rateLimiting) : IRequestHandler<RequestTokenCommand, Result>
{
    public async Task<Result> Handle(RequestTokenCommand request, CancellationToken cancellationToken)
    {
        var email = Email.Create(request.Email);
        if (!email.IsSuccess)
        {
            return email.Error.AsEmailValidationError(); // the validator catches this first; kept so the handler is safe on its own
        }

        // Every outcome answers the same, so the response does not tell whether the address is registered; the mail limit
        // is counted for unknown addresses too, for the same reason.
        if (await MailedRecentlyAsync(email.Value.Normalized, cancellationToken))
        {
            return Result.Success();
        }

        var user = await users.GetByNormalizedEmailAsync(email.Value.Normalized, cancellationToken);
        var raised = request.Purpose switch
        {
            _ when user is null => false,
            TokenPurpose.Verify => user.RequestVerification(tokens.IssueVerifyToken),
            TokenPurpose.ResetPassword => user.RequestPasswordReset(tokens.IssueResetPasswordToken),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Purpose, "Unknown token purpose."),
        };
        if (!raised)
        {
            // Unknown or ineligible: nothing to mail, but the same commit as a mail, so the answer takes as long.
            outbox.AddWithheld();
        }

        // Commits the mail (written by the event's hook) or the withheld record.
        await unitOfWork.SaveChangesAsync(cancellationToken);

        return Result.Success();
    }

    // At most one mail per address per interval, whatever its purpose: asking again cannot flood someone's inbox.
    private async Task<bool> MailedRecentlyAsync(string address, CancellationToken cancellationToken)
    {
        var settings = rateLimiting.Value;
        return settings is { Enabled: true, MailIntervalSeconds: > 0 }
            && (await rateLimits.HitAsync($"mail:{address}", TimeSpan.FromSeconds(settings.MailIntervalSeconds), cancellationToken)).Hits > 1;
    }
}
