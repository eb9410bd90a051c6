namespace Users.Application.Abstractions.Security;

/// <summary>What a valid access token says: whose it is, which security stamp it was issued under, and its session.</summary>
public sealed record AccessTokenClaims(Guid UserId, string SecurityStamp, Guid SessionId)
{
    /// <summary>An access JWT of an adopted FastAPI Users deployment (<c>Auth:AcceptLegacyTokens</c>): no stamp, no session.</summary>
    public bool IsLegacy { get; private init; }

    public static AccessTokenClaims Legacy(Guid userId) => new(userId, string.Empty, Guid.Empty) { IsLegacy = true };
}
