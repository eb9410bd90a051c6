namespace Users.Application.Abstractions.Security;

/// <summary>
/// Hashes passwords and checks them; the hash string carries its own algorithm and cost. Every call waits for a
/// place in a bounded queue, so memory-hard hashing cannot take more memory than the queue allows; when the queue is
/// full the call throws <see cref="PasswordHashingBusyException"/> at once instead of waiting.
/// </summary>
public interface IPasswordHasher
{
    /// <summary>A hash of <paramref name="password"/> with the configured algorithm and parameters.</summary>
    Task<string> HashAsync(string password, CancellationToken cancellationToken);

    /// <summary>Checks <paramref name="password"/> against <paramref name="hash"/> in constant time.</summary>
    Task<PasswordVerification> VerifyAsync(string hash, string password, CancellationToken cancellationToken);

    /// <summary>
    /// Spends the same time as a <see cref="VerifyAsync"/> of a hash made today, for logins of unknown users, so that
    /// response time does not tell whether an address is registered.
    /// </summary>
    Task VerifyAgainstDummyAsync(string password, CancellationToken cancellationToken);
}
