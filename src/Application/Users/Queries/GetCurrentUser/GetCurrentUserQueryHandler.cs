using System.Security.Cryptography;
using System.Text;
using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Users.Queries.GetCurrentUser;

public sealed class GetCurrentUserQueryHandler(IEnumerable<IAccessTokenStrategy> strategies, IUserRepository users)
    : IRequestHandler<GetCurrentUserQuery, Result<UserRead>>
{
    public async Task<Result<UserRead>> Handle(GetCurrentUserQuery request, CancellationToken cancellationToken)
    {
        var claims = await strategies.Named(request.Strategy).ReadAsync(request.AccessToken, cancellationToken);
        if (claims is null)
        {
            return UserErrors.Unauthorized;
        }

        var user = await users.FindForReadAsync(claims.UserId, cancellationToken);
        if (user is null || !user.IsActive || !SameStamp(user.SecurityStamp, claims.SecurityStamp))
        {
            return UserErrors.Unauthorized;
        }

        return user.ToRead();
    }

    private static bool SameStamp(string stored, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stored), Encoding.UTF8.GetBytes(presented));
}
