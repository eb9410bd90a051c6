using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Common.Validation;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Auth.Commands.RequestVerifyToken;

public sealed class RequestVerifyTokenCommandHandler(IUserRepository users, IUnitOfWork unitOfWork, IUserActionTokens tokens)
    : IRequestHandler<RequestVerifyTokenCommand, Result>
{
    public async Task<Result> Handle(RequestVerifyTokenCommand request, CancellationToken cancellationToken)
    {
        var email = Email.Create(request.Email);
        if (!email.IsSuccess)
        {
            return email.Error.AsEmailValidationError(); // validators catch this first; kept so the handler is safe on its own
        }

        // Every other outcome answers the same, so the response does not tell whether the address is registered.
        var user = await users.GetByNormalizedEmailAsync(email.Value.Normalized, cancellationToken);
        if (user is null || !user.IsActive || user.IsVerified)
        {
            return Result.Success();
        }

        user.RequestVerification(tokens.IssueVerifyToken(user));
        await unitOfWork.SaveChangesAsync(cancellationToken); // nothing is stored: the commit dispatches the event that mails the token
        return Result.Success();
    }
}
