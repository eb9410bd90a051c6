using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;
using Users.Domain.Sessions;
using Users.Domain.Users;

namespace Users.Application.Sessions.Commands.EndSession;

public sealed class EndSessionCommandHandler(ISessionRepository sessions, IUnitOfWork unitOfWork, TimeProvider time)
    : IRequestHandler<EndSessionCommand, Result>
{
    public async Task<Result> Handle(EndSessionCommand request, CancellationToken cancellationToken)
    {
        var session = await sessions.GetByIdAsync(request.SessionId, cancellationToken);
        if (session is null || session.UserId != request.UserId || session.ExpiresAt <= time.GetUtcNow())
        {
            // A logout racing another logout (or a revocation) of its session: the session is over, as asked.
            return request.Reason == SessionEndReason.Logout ? Result.Success() : UserErrors.NotFound;
        }

        session.End(request.Reason);
        sessions.Remove(session); // its tokens go with it
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
