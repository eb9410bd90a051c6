using Microsoft.AspNetCore.DataProtection;
using Users.Domain.Users;
using Users.Infrastructure.OAuth;

namespace Users.Infrastructure.UnitTests.OAuth;

public sealed class ProviderTokenProtectorTests
{
    private static readonly ProviderTokens Clear = new("gho_provider-access-token", DateTimeOffset.UnixEpoch.AddYears(60), "provider-refresh-token");

    private readonly ProviderTokenProtector _protector = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void Protect_EncryptsBothTokens_AndKeepsTheExpiry()
    {
        var sealedTokens = _protector.Protect(Clear);

        Assert.DoesNotContain(Clear.AccessToken, sealedTokens.AccessToken, StringComparison.Ordinal);
        Assert.DoesNotContain(Clear.RefreshToken!, sealedTokens.RefreshToken!, StringComparison.Ordinal);
        Assert.Equal(Clear.ExpiresAt, sealedTokens.ExpiresAt);
    }

    [Fact]
    public void Unprotect_GivesTheTokensBack()
    {
        Assert.Equal(Clear, _protector.Unprotect(_protector.Protect(Clear)));
        Assert.Equal(Clear with { RefreshToken = null }, _protector.Unprotect(_protector.Protect(Clear with { RefreshToken = null })));
    }

    [Fact]
    public void Unprotect_OfAnotherPurposesCiphertext_Throws()
    {
        var provider = new EphemeralDataProtectionProvider();
        var other = provider.CreateProtector("another purpose").Protect("x");

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(
            () => new ProviderTokenProtector(provider).Unprotect(new ProviderTokens(other, null, null)));
    }
}
