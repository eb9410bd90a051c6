using MapsterMapper;
using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;

namespace Users.Application.OAuth.Queries.ListOAuthAccounts;

public sealed class ListOAuthAccountsQueryHandler(IUserRepository users, IMapper mapper)
    : IRequestHandler<ListOAuthAccountsQuery, Result<IReadOnlyList<OAuthAccountRead>>>
{
    public async Task<Result<IReadOnlyList<OAuthAccountRead>>> Handle(ListOAuthAccountsQuery request, CancellationToken cancellationToken)
    {
        var accounts = await users.ListOAuthAccountsAsync(request.UserId, cancellationToken);
        return Result<IReadOnlyList<OAuthAccountRead>>.Success(mapper.Map<IReadOnlyList<OAuthAccountRead>>(accounts));
    }
}
