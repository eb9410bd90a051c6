using System.Security.Cryptography;
using System.Text;
using Users.Application.Abstractions.Security;
using Users.Infrastructure.Security;

namespace Users.Infrastructure.UnitTests.Security;

public sealed class RefreshTokenCodecTests
{
    private static readonly TokenPair Pair = new("header.payload.signature", "successor-successor-successor-successor-suc", 3600);

    private readonly RefreshTokenCodec _codec = new();

    [Fact]
    public void NewToken_Is43UrlSafeCharacters_FromFreshRandomness()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => _codec.NewToken()).ToList();

        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{43}$", t));
        Assert.All(tokens, t => Assert.True(_codec.IsWellFormed(t)));
        Assert.Equal(100, tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void IsWellFormed_RefusesAnythingElse(string? token) => Assert.False(_codec.IsWellFormed(token));

    [Fact]
    public void Hash_IsTheSha256OfTheCharacters_InLowerCaseHex()
    {
        var token = _codec.NewToken();

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), _codec.Hash(token));
    }

    [Fact]
    public void Seal_OpensWithTheSameToken_AndHoldsNothingReadable()
    {
        var token = _codec.NewToken();

        var sealedPair = _codec.Seal(token, Pair);

        Assert.Equal(Pair, _codec.Unseal(token, sealedPair));
        Assert.DoesNotContain(Pair.AccessToken, sealedPair, StringComparison.Ordinal);
        Assert.DoesNotContain(Pair.RefreshToken, sealedPair, StringComparison.Ordinal);
        Assert.NotEqual(sealedPair, _codec.Seal(token, Pair)); // a fresh nonce each time
    }

    [Fact]
    public void Unseal_WithAnotherTokenOrTheStoredHash_OpensNothing()
    {
        var token = _codec.NewToken();
        var sealedPair = _codec.Seal(token, Pair);

        Assert.Null(_codec.Unseal(_codec.NewToken(), sealedPair));
        Assert.Null(_codec.Unseal(_codec.Hash(token), sealedPair));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]
    public void Unseal_OfDamagedValues_OpensNothing(string damaged) => Assert.Null(_codec.Unseal(_codec.NewToken(), damaged));

    [Fact]
    public void Unseal_OfATamperedSeal_OpensNothing()
    {
        var token = _codec.NewToken();
        var sealedPair = _codec.Seal(token, Pair).ToCharArray();
        sealedPair[^5] = sealedPair[^5] == 'A' ? 'B' : 'A';

        Assert.Null(_codec.Unseal(token, new string(sealedPair)));
    }
}
