namespace Users.Application.Abstractions.Security;

/// <summary>What a valid access token says: whose it is and which security stamp it was issued under.</summary>
public sealed record AccessTokenClaims(Guid UserId, string SecurityStamp);
