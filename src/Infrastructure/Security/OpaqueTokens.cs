using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Users.Infrastructure.Security;

/// <summary>
/// The opaque tokens this service stores by hash (database access tokens, refresh tokens): 32 random bytes, URL-safe
/// base64 without padding (43 characters), kept only as the SHA-256 of their characters in lower-case hex.
/// </summary>
internal static class OpaqueTokens
{
    private const int TokenBytes = 32;

    public static readonly int Length = Base64Url.GetEncodedLength(TokenBytes);

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>Whether <paramref name="token"/> can be one of ours: anything else is refused without a database round trip.</summary>
    public static bool IsWellFormed(string? token) =>
        token is not null && token.Length == Length && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
