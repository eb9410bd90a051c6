using MediatR;
using Users.Domain.Common;
using Users.Domain.Sessions;

namespace Users.Application.Sessions.Commands.EndSession;

/// <summary>
/// Ends one session of <paramref name="UserId"/>: every token of it fails from the next request on. Fails with not
/// found when the session is unknown, already over, or another user's (the answer does not tell these apart).
/// Logout ends the current session this way too (<see cref="SessionEndReason.Logout"/>).
/// </summary>
public sealed record EndSessionCommand(Guid UserId, Guid SessionId, SessionEndReason Reason = SessionEndReason.Revoked) : IRequest<Result>;
