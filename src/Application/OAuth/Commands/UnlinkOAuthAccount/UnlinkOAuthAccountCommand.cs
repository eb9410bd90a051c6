using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;

namespace Users.Application.OAuth.Commands.UnlinkOAuthAccount;

/// <summary>
/// Unlinks one of <paramref name="UserId"/>'s provider accounts (<c>DELETE /users/me/oauth-accounts/{id}</c>); not found
/// when the account is not theirs.
/// </summary>
public sealed record UnlinkOAuthAccountCommand(Guid UserId, Guid AccountId) : IRequest<Result>, IRetryOnConflict;
