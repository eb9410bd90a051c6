using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Domain.Common;

namespace Users.Application.Auth.Commands.Logout;

public sealed class LogoutCommandHandler(IEnumerable<IAccessTokenStrategy> strategies, IUnitOfWork unitOfWork)
    : IRequestHandler<LogoutCommand, Result>
{
    public async Task<Result> Handle(LogoutCommand request, CancellationToken cancellationToken)
    {
        await strategies.Named(request.Strategy).RevokeAsync(request.AccessToken, cancellationToken); // staged; committed below
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
