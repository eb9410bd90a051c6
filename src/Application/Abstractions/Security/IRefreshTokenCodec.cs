namespace Users.Application.Abstractions.Security;

/// <summary>
/// The cryptography of refresh tokens: making them (32 random bytes, URL-safe base64 without padding: 43 characters),
/// hashing them for storage, and sealing a successor pair so that only the holder of the spent token can open it.
/// </summary>
public interface IRefreshTokenCodec
{
    string NewToken();

    /// <summary>Whether <paramref name="token"/> can be one this codec made (refused without a database round trip otherwise).</summary>
    bool IsWellFormed(string? token);

    /// <summary>The stored form of a token.</summary>
    string Hash(string token);

    /// <summary>Encrypts <paramref name="pair"/> under a key derived from <paramref name="presented"/> alone.</summary>
    string Seal(string presented, TokenPair pair);

    /// <summary>Opens what <see cref="Seal"/> made with the same token; <c>null</c> if it does not open.</summary>
    TokenPair? Unseal(string presented, string sealedPair);
}
