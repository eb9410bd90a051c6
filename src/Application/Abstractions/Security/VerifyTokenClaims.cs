namespace Users.Application.Abstractions.Security;

public sealed record VerifyTokenClaims(Guid UserId, string Email);
