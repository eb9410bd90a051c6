using System.Text.Json;
using Users.Infrastructure.OAuth;

namespace Users.Infrastructure.UnitTests.OAuth;

public sealed class ProviderJsonTests
{
    private static JsonElement Json(string raw) => JsonDocument.Parse(raw).RootElement;

    [Theory]
    [InlineData("""{"id": 583231}""", "583231")]
    [InlineData("""{"id": "abc"}""", "abc")]
    [InlineData("""{"id": ""}""", null)]
    [InlineData("""{"id": 1.5}""", null)]
    [InlineData("""{"id": null}""", null)]
    [InlineData("""{"other": 1}""", null)]
    [InlineData("""[1]""", null)]
    public void Id_ReadsStringsAndIntegers(string json, string? expected) => Assert.Equal(expected, ProviderJson.Id(Json(json), "id"));

    [Theory]
    [InlineData("""{"v": true}""", true)]
    [InlineData("""{"v": "true"}""", true)]
    [InlineData("""{"v": "TRUE"}""", true)]
    [InlineData("""{"v": false}""", false)]
    [InlineData("""{"v": 1}""", false)]
    [InlineData("""{"v": "yes"}""", false)]
    [InlineData("""{}""", false)]
    public void IsTrue_OnlyForTrue(string json, bool expected) => Assert.Equal(expected, ProviderJson.IsTrue(Json(json), "v"));

    [Fact]
    public void TokenResponse_WithoutAnAccessToken_IsARefusalWithTheProvidersCode()
    {
        // GitHub answers 200 with an error body for a bad code.
        var exception = Assert.Throws<ProviderCallException>(() => ProviderTokenResponse.Parse("""{"error": "bad_verification_code"}"""));

        Assert.Equal("bad_verification_code", exception.ProviderError);
    }

    [Fact]
    public void TokenResponse_ReadsItsMembers()
    {
        var response = ProviderTokenResponse.Parse("""{"access_token": "a", "token_type": "Bearer", "expires_in": 3600, "refresh_token": "r", "id_token": "i"}""");

        Assert.Equal(new ProviderTokenResponse("a", 3600, "r", "i"), response);
    }
}
