using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;

namespace Users.Application.OAuth.Queries.AuthorizeOAuth;

/// <summary>
/// The authorization URL for <paramref name="Provider"/> (<c>GET /auth/{provider}/authorize</c>, and with
/// <paramref name="UserId"/> the associate flow's): the provider redirects the browser to <paramref name="RedirectUri"/>
/// afterwards. <paramref name="Scopes"/> empty asks for the provider's configured scopes.
/// </summary>
public sealed record AuthorizeOAuthQuery(string Provider, Uri RedirectUri, IReadOnlyList<string> Scopes, Guid? UserId)
    : IRequest<Result<OAuthAuthorization>>, IReadOnlyRequest;
