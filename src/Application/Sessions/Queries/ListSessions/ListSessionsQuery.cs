using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;

namespace Users.Application.Sessions.Queries.ListSessions;

/// <summary>
/// The live sessions of <paramref name="UserId"/>, newest first (<c>GET /users/me/sessions</c>, and a superuser's
/// <c>GET /users/{id}/sessions</c>). <paramref name="CurrentSessionId"/> is the session of the asking request.
/// Fails with not found when there is no such user.
/// </summary>
public sealed record ListSessionsQuery(Guid UserId, Guid? CurrentSessionId) : IRequest<Result<IReadOnlyList<SessionRead>>>, IReadOnlyRequest;
