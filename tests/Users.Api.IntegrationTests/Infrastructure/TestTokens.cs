using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>Crafts tokens the service did not issue (expired, wrong audience, forged claims) to probe its checks.</summary>
public static class TestTokens
{
    /// <summary>An HS256 JWT with exactly <paramref name="claims"/>, signed with <paramref name="secret"/>.</summary>
    public static string Sign(IDictionary<string, object> claims, string secret = UsersApiFactory.Secret) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });

    public static long UnixTime(DateTimeOffset at) => at.ToUnixTimeSeconds();

    /// <summary>The decoded payload of a JWT.</summary>
    public static JsonElement Payload(string token)
    {
        var segment = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        segment += new string('=', (4 - (segment.Length % 4)) % 4);
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(segment))).RootElement.Clone();
    }

    /// <summary>The payload with one claim replaced (or added), re-signed.</summary>
    public static string WithClaim(string token, string name, object value)
    {
        var claims = Payload(token).EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value), StringComparer.Ordinal);
        claims[name] = value;
        return Sign(claims);
    }

    /// <summary>The payload without the claim <paramref name="name"/>, re-signed.</summary>
    public static string WithoutClaim(string token, string name) =>
        Sign(Payload(token).EnumerateObject().Where(p => p.Name != name).ToDictionary(p => p.Name, p => Plain(p.Value), StringComparer.Ordinal));

    private static object Plain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetInt64(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => value.EnumerateArray().Select(e => e.GetString()!).ToArray(),
        _ => value.ToString(),
    };
}
