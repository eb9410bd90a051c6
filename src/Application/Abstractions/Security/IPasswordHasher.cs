namespace Users.Application.Abstractions.Security;

/// <summary>Hashes passwords and checks them; the hash string carries its own algorithm and cost.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    /// <summary>Checks <paramref name="password"/> against <paramref name="hash"/> in constant time.</summary>
    PasswordVerification Verify(string hash, string password);

    /// <summary>
    /// Spends the same time as a <see cref="Verify"/> of a real hash, for logins of unknown users,
    /// so that response time does not tell whether an address is registered.
    /// </summary>
    void VerifyAgainstDummy(string password);
}
