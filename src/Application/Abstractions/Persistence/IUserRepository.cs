using Users.Domain.Users;

namespace Users.Application.Abstractions.Persistence;

/// <summary>Loads and stores users. Never saves by itself: handlers commit through <see cref="IUnitOfWork"/>.</summary>
public interface IUserRepository
{
    /// <summary>Loads a user for change (tracked).</summary>
    Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Loads a user for change (tracked) by the lower-cased address (<see cref="Email.Normalized"/>).</summary>
    Task<User?> GetByNormalizedEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>Reads a user without tracking it.</summary>
    Task<User?> FindForReadAsync(Guid id, CancellationToken cancellationToken);

    Task<bool> ExistsByNormalizedEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>One keyset page ordered by id, without tracking; at most <see cref="UserListCriteria.Limit"/> items.</summary>
    Task<IReadOnlyList<User>> ListAsync(UserListCriteria criteria, CancellationToken cancellationToken);

    /// <summary>Loads for change (tracked), with its provider accounts, the user the provider account is linked to.</summary>
    Task<User?> GetByOAuthAccountAsync(string oauthName, string accountId, CancellationToken cancellationToken);

    /// <summary>Loads a user for change (tracked) with its provider accounts.</summary>
    Task<User?> GetWithOAuthAccountsAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The user's provider accounts, oldest first, without tracking.</summary>
    Task<IReadOnlyList<OAuthAccount>> ListOAuthAccountsAsync(Guid userId, CancellationToken cancellationToken);

    void Add(User user);

    void Remove(User user);
}
