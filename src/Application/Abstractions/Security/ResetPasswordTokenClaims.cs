namespace Users.Application.Abstractions.Security;

public sealed record ResetPasswordTokenClaims(Guid UserId, string PasswordFingerprint);
