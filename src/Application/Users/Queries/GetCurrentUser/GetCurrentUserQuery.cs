using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;

namespace Users.Application.Users.Queries.GetCurrentUser;

/// <summary>
/// Resolves the user an access token belongs to: the token must be valid, its user must exist, be
/// active and still have the security stamp the token was issued under. Answers the user and that stamp; fails with
/// <see cref="Domain.Users.UserErrors.Unauthorized"/> otherwise.
/// </summary>
public sealed record GetCurrentUserQuery(string AccessToken, string Strategy = "jwt") : IRequest<Result<UserAccess>>, IReadOnlyRequest;
