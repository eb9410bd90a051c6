using Microsoft.EntityFrameworkCore;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Sessions;

namespace Users.Infrastructure.Persistence;

public sealed class RefreshTokenRepository(UsersDbContext db) : IRefreshTokenRepository
{
    public Task<RefreshToken?> GetByHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        db.RefreshTokens.FirstOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);

    public void Add(RefreshToken token) => db.RefreshTokens.Add(token);
}
