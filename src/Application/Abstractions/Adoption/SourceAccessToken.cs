namespace Users.Application.Abstractions.Adoption;

/// <summary>One row of the deployment's database-strategy token table; the token is in clear there.</summary>
public sealed record SourceAccessToken(string Token, Guid UserId, DateTimeOffset CreatedAt);
