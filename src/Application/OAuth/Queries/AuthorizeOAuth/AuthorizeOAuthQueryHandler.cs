using MediatR;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.OAuth;
using Users.Application.Settings;
using Users.Domain.Common;

namespace Users.Application.OAuth.Queries.AuthorizeOAuth;

public sealed class AuthorizeOAuthQueryHandler(IOAuthStateTokens states, IOAuthProviderClient provider, IOptions<OAuthOptions> options)
    : IRequestHandler<AuthorizeOAuthQuery, Result<OAuthAuthorization>>
{
    public async Task<Result<OAuthAuthorization>> Handle(AuthorizeOAuthQuery request, CancellationToken cancellationToken)
    {
        var scopes = request.Scopes.Count > 0 ? request.Scopes : options.Value.Providers[request.Provider].ScopeList;
        var start = states.Start(request.UserId);
        var url = await provider.AuthorizationUrlAsync(
            request.Provider, new OAuthAuthorizationRequest(request.RedirectUri, start.State, scopes, start.CodeChallenge), cancellationToken);
        return url.IsSuccess ? new OAuthAuthorization(url.Value, start.CsrfToken) : url.Error;
    }
}
