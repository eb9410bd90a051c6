using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Users.Infrastructure.OAuth;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.UnitTests.OAuth;

public sealed class SecretKeyRingEncryptionTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef-test";

    private static readonly XElement MasterKey = XElement.Parse("<masterKey><value>c2VjcmV0LWtleS1tYXRlcmlhbA==</value></masterKey>");

    private static IOptions<AuthTokenOptions> Options(string secret) => Microsoft.Extensions.Options.Options.Create(new AuthTokenOptions { Secret = secret });

    private static SecretXmlDecryptor Decryptor(string secret) =>
        new(new ServiceCollection().AddSingleton(Options(secret)).BuildServiceProvider());

    [Fact]
    public void Encrypt_HidesTheKeyMaterial_AndNamesItsDecryptor()
    {
        var encrypted = new SecretXmlEncryptor(Options(Secret)).Encrypt(MasterKey);

        Assert.DoesNotContain("c2VjcmV0LWtleS1tYXRlcmlhbA", encrypted.EncryptedElement.ToString(), StringComparison.Ordinal);
        Assert.Equal(typeof(SecretXmlDecryptor), encrypted.DecryptorType);
    }

    [Fact]
    public void Decrypt_WithTheSameSecret_GivesTheKeyBack()
    {
        var encrypted = new SecretXmlEncryptor(Options(Secret)).Encrypt(MasterKey);

        Assert.True(XNode.DeepEquals(MasterKey, Decryptor(Secret).Decrypt(encrypted.EncryptedElement)));
    }

    [Fact]
    public void Decrypt_WithAnotherSecret_Fails()
    {
        var encrypted = new SecretXmlEncryptor(Options(Secret)).Encrypt(MasterKey);

        Assert.ThrowsAny<CryptographicException>(() => Decryptor("another-secret-0123456789abcdef0123456789").Decrypt(encrypted.EncryptedElement));
    }

    [Fact]
    public void Decrypt_OfATamperedValue_Fails()
    {
        var encrypted = new SecretXmlEncryptor(Options(Secret)).Encrypt(MasterKey).EncryptedElement;
        var bytes = Convert.FromBase64String((string)encrypted.Element("value")!);
        bytes[^1] ^= 1;
        encrypted.Element("value")!.Value = Convert.ToBase64String(bytes);

        Assert.ThrowsAny<CryptographicException>(() => Decryptor(Secret).Decrypt(encrypted));
    }

    [Fact]
    public void Encrypt_TwiceGivesDifferentCiphertexts()
    {
        var encryptor = new SecretXmlEncryptor(Options(Secret));

        Assert.NotEqual(encryptor.Encrypt(MasterKey).EncryptedElement.ToString(), encryptor.Encrypt(MasterKey).EncryptedElement.ToString());
    }
}
