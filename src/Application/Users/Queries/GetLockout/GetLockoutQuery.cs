using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;

namespace Users.Application.Users.Queries.GetLockout;

/// <summary>The login lockout of a user's address (<c>GET /users/{id}/lockout</c>, superuser).</summary>
public sealed record GetLockoutQuery(Guid UserId) : IRequest<Result<LockoutRead>>, IReadOnlyRequest;
