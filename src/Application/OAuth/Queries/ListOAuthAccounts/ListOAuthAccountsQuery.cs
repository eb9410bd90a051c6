using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;

namespace Users.Application.OAuth.Queries.ListOAuthAccounts;

/// <summary>The provider accounts linked to <paramref name="UserId"/>, oldest first (<c>GET /users/me/oauth-accounts</c>).</summary>
public sealed record ListOAuthAccountsQuery(Guid UserId) : IRequest<Result<IReadOnlyList<OAuthAccountRead>>>, IReadOnlyRequest;
