using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Users.Application.Abstractions.Security;

namespace Users.Infrastructure.Security;

/// <summary>
/// Refresh tokens are <see cref="OpaqueTokens"/> like database access tokens: 43 characters, stored as their SHA-256.
/// A spent token's successor pair is sealed with AES-256-GCM under a key derived from the spent token by HKDF-SHA256:
/// the database holds only the token's hash, from which that key cannot be computed, so a copy of the database
/// opens no pair; the client that presents the spent token again opens exactly its own.
/// </summary>
public sealed class RefreshTokenCodec : IRefreshTokenCodec
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] KeyInfo = "users:refresh-token:sealed-successor:v1"u8.ToArray();

    public string NewToken() => OpaqueTokens.New();

    public bool IsWellFormed(string? token) => OpaqueTokens.IsWellFormed(token);

    public string Hash(string token) => OpaqueTokens.Hash(token);

    public string Seal(string presented, TokenPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(pair);
        var sealedBytes = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(KeyOf(presented), TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        return Base64Url.EncodeToString(sealedBytes);
    }

    public TokenPair? Unseal(string presented, string sealedPair)
    {
        ArgumentNullException.ThrowIfNull(sealedPair);
        try
        {
            var sealedBytes = Base64Url.DecodeFromChars(sealedPair);
            if (sealedBytes.Length < NonceBytes + TagBytes)
            {
                return null;
            }

            var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
            using var aes = new AesGcm(KeyOf(presented), TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plaintext);
            return JsonSerializer.Deserialize<TokenPair>(plaintext);
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or JsonException)
        {
            return null; // another token's pair, or a damaged value: nothing to answer
        }
    }

    private static byte[] KeyOf(string presented) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(presented), 32, salt: [], info: KeyInfo);
}
