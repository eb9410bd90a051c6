namespace Users.Application.Abstractions.Security;

/// <summary>What a valid access token says: whose it is, which security stamp it was issued under, and its session.</summary>
public sealed record AccessTokenClaims(Guid UserId, string SecurityStamp, Guid SessionId);
