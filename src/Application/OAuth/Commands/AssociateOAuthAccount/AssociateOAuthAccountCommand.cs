using MediatR;
using Users.Application.Users;
using Users.Domain.Common;

namespace Users.Application.OAuth.Commands.AssociateOAuthAccount;

/// <summary>
/// The associate callback (<c>GET /auth/associate/{provider}/callback</c>): links the provider account to the signed-in
/// user <paramref name="UserId"/>, whom the state must name. A provider account linked to another user is refused.
/// </summary>
public sealed record AssociateOAuthAccountCommand(Guid UserId, OAuthCallback Callback) : IRequest<Result<UserRead>>;
