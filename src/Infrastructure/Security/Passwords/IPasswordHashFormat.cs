using Users.Application.Abstractions.Security;

namespace Users.Infrastructure.Security.Passwords;

/// <summary>One format of stored password hash, recognised by its prefix and verified with the parameters it names.</summary>
public interface IPasswordHashFormat
{
    /// <summary>Whether <paramref name="hash"/> claims to be of this format (its prefix; it may still be malformed).</summary>
    bool Recognizes(string hash);

    /// <summary>
    /// <see cref="PasswordVerification.Success"/> when the password matches and the hash has this format's configured
    /// parameters, <see cref="PasswordVerification.SuccessRehashNeeded"/> when it matches with other parameters,
    /// <see cref="PasswordVerification.Failed"/>, or <see cref="PasswordVerification.UnknownFormat"/> when the hash is
    /// malformed or asks for more work than the bounds allow. Compares in constant time.
    /// </summary>
    PasswordVerification Verify(string hash, string password);
}

/// <summary>A format new hashes can be made in.</summary>
public interface IPasswordHashAlgorithm : IPasswordHashFormat
{
    string Hash(string password);
}
