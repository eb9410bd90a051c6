using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.OAuth;

/// <summary>
/// Encrypts Data Protection's keys before they are stored in the database, with AES-GCM under a key derived from
/// <c>Auth:Secret</c> for this use only: the table alone (a dump, a backup, a read-only account) does not open the
/// provider tokens stored beside it. Data Protection would otherwise store its keys in clear on Linux, and say so.
/// Changing <c>Auth:Secret</c> makes the stored keys, and so the stored provider tokens, unreadable; Data Protection
/// then makes a new key, and each provider account gets new tokens at its next sign-in.
/// </summary>
public sealed class SecretXmlEncryptor(IOptions<AuthTokenOptions> options) : IXmlEncryptor
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] KeyLabel = "users:data-protection-key-ring"u8.ToArray();

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(KeyOf(options.Value.Secret), TagBytes))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        }

        var element = new XElement(
            "encryptedKey",
            new XComment(" AES-GCM under a key derived from Auth:Secret "),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(SecretXmlDecryptor));
    }

    internal static byte[] KeyOf(string? secret) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret ?? string.Empty), KeyLabel);

    internal static XElement Decrypt(XElement encryptedElement, string? secret)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? throw new CryptographicException("No encrypted key value."));
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("The encrypted key is too short.");
        }

        var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using (var aes = new AesGcm(KeyOf(secret), TagBytes))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plaintext);
        }

        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}

/// <summary>
/// Opens what <see cref="SecretXmlEncryptor"/> sealed. Data Protection creates it by type name when it reads the key ring,
/// with the service provider as its only argument.
/// </summary>
public sealed class SecretXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        SecretXmlEncryptor.Decrypt(encryptedElement, services.GetRequiredService<IOptions<AuthTokenOptions>>().Value.Secret);
}
