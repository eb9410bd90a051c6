using Microsoft.Extensions.Primitives;

namespace Users.Api.Authentication;

/// <summary>Reads <c>Authorization: Bearer &lt;token&gt;</c> as the contract describes it.</summary>
public static class BearerToken
{
    /// <summary>The token, or <c>null</c> when the header is absent, empty or of another scheme.</summary>
    public static string? From(StringValues authorization)
    {
        if (authorization.Count != 1)
        {
            return null;
        }

        var value = authorization[0].AsSpan().Trim();
        const string scheme = "Bearer";
        if (value.Length <= scheme.Length
            || !value[..scheme.Length].Equals(scheme, StringComparison.OrdinalIgnoreCase)
            || !char.IsWhiteSpace(value[scheme.Length]))
        {
            return null;
        }

        var token = value[scheme.Length..].Trim();
        return token.IsEmpty ? null : token.ToString();
    }
}
