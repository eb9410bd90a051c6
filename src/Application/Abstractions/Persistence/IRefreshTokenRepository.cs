using Users.Domain.Sessions;

namespace Users.Application.Abstractions.Persistence;

/// <summary>Refresh tokens by hash. Never saves by itself: handlers commit through <see cref="IUnitOfWork"/>.</summary>
public interface IRefreshTokenRepository
{
    /// <summary>Loads a token for change (tracked). Spending it commits only if nobody spent it meanwhile.</summary>
    Task<RefreshToken?> GetByHashAsync(string tokenHash, CancellationToken cancellationToken);

    void Add(RefreshToken token);
}
